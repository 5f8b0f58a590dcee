package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  private record Named(String scheme) implements StorageProvider {
    @Override
    public String description() {
      return "test provider " + scheme;
    }

    @Override
    public ObjectStore open(StorageLocation location, ProviderConfig config) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void findsProvidersByScheme() {
    Providers providers = Providers.of(List.of(new Named("b"), new Named("a")));
    assertThat(providers.provider("a").description()).isEqualTo("test provider a");
    assertThat(providers.all()).extracting(StorageProvider::scheme).containsExactly("a", "b");
  }

  @Test
  void listsTheKnownSchemesForAnUnknownOne() {
    Providers providers = Providers.of(List.of(new Named("file"), new Named("s3")));
    assertThatThrownBy(() -> providers.open("gs://bucket/x"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("no provider for the scheme 'gs'")
        .hasMessageContaining("Known schemes: file, s3");
  }

  @Test
  void refusesTwoProvidersForOneScheme() {
    assertThatThrownBy(() -> Providers.of(List.of(new Named("s3"), new Named("s3"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("two providers claim the scheme 's3'");
  }

  @Test
  void findsNothingOnABareClassPath() {
    assertThat(Providers.load(ProvidersTest.class.getClassLoader()).all()).isEmpty();
  }
}
