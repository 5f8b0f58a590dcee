package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.WriteOptions;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * How {@link TransferEngine#sync} runs: how objects are compared, whether objects the source lacks
 * are deleted from the target (and at most how many), whether anything is done at all, the options
 * of the objects written, and who is told of each action. Immutable.
 */
public final class SyncOptions {
  /** Compare with {@link SyncComparison#AUTO}, delete nothing, do the work. */
  public static final SyncOptions DEFAULTS = builder().build();

  private final SyncComparison comparison;
  private final boolean delete;
  private final long maxDelete;
  private final boolean dryRun;
  private final WriteOptions writeOptions;
  private final Consumer<SyncAction> listener;
  private final ObjectFilter filter;

  private SyncOptions(Builder builder) {
    this.filter = builder.filter;
    this.comparison = builder.comparison;
    this.delete = builder.delete;
    this.maxDelete = builder.maxDelete;
    this.dryRun = builder.dryRun;
    this.writeOptions = builder.writeOptions;
    this.listener = builder.listener;
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how objects on both sides are compared.
   *
   * @return the comparison
   */
  public SyncComparison comparison() {
    return comparison;
  }

  /**
   * Returns whether objects the source lacks are deleted from the target, once every copy
   * succeeded.
   *
   * @return true to delete
   */
  public boolean delete() {
    return delete;
  }

  /**
   * Returns the most objects a sync may delete; more, and it deletes none.
   *
   * @return the limit, empty for none
   */
  public OptionalLong maxDelete() {
    return maxDelete < 0 ? OptionalLong.empty() : OptionalLong.of(maxDelete);
  }

  /**
   * Returns whether the sync only plans: every action is told to the listener, none is done.
   *
   * @return true for a dry run
   */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * Returns the options of the objects written.
   *
   * @return the write options
   */
  public WriteOptions writeOptions() {
    return writeOptions;
  }

  /**
   * Returns who is told of each action before it is done (or, in a dry run, instead).
   *
   * @return the listener
   */
  public Consumer<SyncAction> listener() {
    return listener;
  }

  /**
   * Returns which objects take part, on both sides: an object left out is neither copied nor
   * deleted.
   *
   * @return the filter
   */
  public ObjectFilter filter() {
    return filter;
  }

  /** Builds {@link SyncOptions}. */
  public static final class Builder {
    private SyncComparison comparison = SyncComparison.AUTO;
    private boolean delete;
    private long maxDelete = -1;
    private boolean dryRun;
    private WriteOptions writeOptions = WriteOptions.DEFAULTS;
    private Consumer<SyncAction> listener = action -> {};
    private ObjectFilter filter = ObjectFilter.ALL;

    private Builder() {}

    /**
     * Sets how objects on both sides are compared.
     *
     * @param value the comparison
     * @return this builder
     */
    public Builder comparison(SyncComparison value) {
      this.comparison = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Deletes from the target the objects the source lacks, once every copy succeeded.
     *
     * @param value true to delete
     * @return this builder
     */
    public Builder delete(boolean value) {
      this.delete = value;
      return this;
    }

    /**
     * Sets the most objects a sync may delete; if it would delete more, it deletes none and fails.
     *
     * @param count the limit, 0 or more
     * @return this builder
     */
    public Builder maxDelete(long count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxDelete must be 0 or more, not " + count);
      }
      this.maxDelete = count;
      return this;
    }

    /**
     * Only plans: every action is told to the listener and none is done.
     *
     * @param value true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    /**
     * Sets the options of the objects written.
     *
     * @param value the write options
     * @return this builder
     */
    public Builder writeOptions(WriteOptions value) {
      this.writeOptions = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Sets who is told of each action.
     *
     * @param value the listener, called from the sync's thread
     * @return this builder
     */
    public Builder listener(Consumer<SyncAction> value) {
      this.listener = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Sets which objects take part, by their key below either prefix.
     *
     * @param value the filter
     * @return this builder
     */
    public Builder filter(ObjectFilter value) {
      this.filter = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public SyncOptions build() {
      return new SyncOptions(this);
    }
  }
}
