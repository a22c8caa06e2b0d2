package dstream.wordcount.engine.structured;

import java.util.UUID;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * A listener of one query's progress: the session's listener bus carries every query's events,
 * and a session may run others (a test's, or a second run's).
 */
abstract class QueryProgressListener extends StreamingQueryListener {
  private volatile UUID queryId;

  /** Reports the query of this run only, from now on. */
  final void follow(UUID id) {
    queryId = id;
  }

  /** One completed (micro-)batch of the followed query. */
  abstract void onProgress(StreamingQueryProgress p);

  @Override
  public final void onQueryProgress(QueryProgressEvent event) {
    if (event.progress().id().equals(queryId)) {
      onProgress(event.progress());
    }
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}
}
