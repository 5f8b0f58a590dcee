package dev.stowage.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc of a man page for {@code stowage} and each of its commands and subcommands,
 * from the command's own model, for the build to turn into roff (picocli's generator; the build
 * runs this at prepare-package, then Asciidoctor's man page backend).
 */
final class ManPages {
  private ManPages() {}

  /**
   * Writes the pages.
   *
   * @param args the directory to write into
   */
  public static void main(String[] args) throws IOException {
    CommandLine command =
        Commands.commandLine(
            new Stowage(
                ProviderCatalog.load(ManPages.class.getClassLoader()),
                System.in,
                OutputStream.nullOutputStream(),
                new SecretValues()));
    int status =
        ManPageGenerator.generateManPage(
            new File(args[0]), null, new boolean[0], false, command.getCommandSpec());
    if (status != 0) {
      throw new IOException("picocli's man page generator ended with status " + status);
    }
  }
}
