package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The profile line takes the measured batches' stages only and says what lies outside them. */
class StageProfileTest {
  @Test
  void mediansOfTheLastBatchesStagesAndTheDriversShare() {
    List<StageProfile.Stage> stages = List.of(
        // a warm-up batch: left out
        new StageProfile.Stage(true, 900, 1700, 90, -1, 5),
        new StageProfile.Stage(false, 300, 500, -1, 30, 1),
        // two measured batches
        new StageProfile.Stage(true, 100, 180, 10, -1, 1),
        new StageProfile.Stage(false, 30, 50, -1, 2, 1),
        new StageProfile.Stage(true, 120, 220, 14, -1, 1),
        new StageProfile.Stage(false, 40, 70, -1, 4, 1));
    assertEquals("per batch (medians): map stage 110.0 ms (tasks' run 200.0 ms, of it shuffle write"
        + " 12.0 ms), result stage 35.0 ms (tasks' run 60.0 ms, shuffle fetch wait 3.0 ms: reading"
        + " the shuffle and the reduce-side map), scheduling and the driver between and around the"
        + " stages 15.0 ms of 160.0 ms", StageProfile.summary(stages, 2, 160));
  }
}
