package dstream.wordcount.live;


/**
 * The SHA-256 of a run's graph settings, as the checkpoint settings record writes them
 * (credentials left out): which configuration of the job wrote a stored batch. The runners put
 * it into the {@link RunState}; an output that stores batches reads it from there.
 */
public record SettingsDigest(String sha256) {}
