package dstream.wordcount.cli;

/**
 * Every option name in one place. The same names, without dashes, are the keys of
 * {@code conf/wordcount.properties}.
 */
public final class OptionNames {
  private OptionNames() {}

  public static final String SOURCE = "source";
  public static final String PIPELINE = "pipeline";
  public static final String MASTER = "master";
  public static final String BATCH = "batch";
  public static final String DURATION = "duration";
  public static final String OUTPUT = "output";
  public static final String NO_PRINT = "no-print";
  public static final String PRINT_LIMIT = "print-limit";
  public static final String CHECKPOINT = "checkpoint";
  public static final String CHECKPOINT_INTERVAL = "checkpoint-interval";
  public static final String TOKENIZER = "tokenizer";
  public static final String MIN_LENGTH = "min-length";
  public static final String MATCH = "match";
  public static final String WINDOW = "window";
  public static final String SLIDE = "slide";
  public static final String TOP = "top";
  public static final String ALERT_ABOVE = "alert-above";
  public static final String IDLE_TIMEOUT = "idle-timeout";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String INPUT = "input";
  public static final String LINES_PER_BATCH = "lines-per-batch";
  public static final String DIR = "dir";
  public static final String BROKERS = "brokers";
  public static final String TOPICS = "topics";
  public static final String GROUP_ID = "group-id";
  public static final String STARTING_OFFSETS = "starting-offsets";
  public static final String UI_PORT = "ui-port";
  public static final String DB = "db";
  public static final String DB_TABLE_PREFIX = "db-table-prefix";
  public static final String CONF = "conf";
  public static final String HELP = "help";

  /** Conf-file keys with this prefix go to the SparkConf unchanged. */
  public static final String SPARK_PREFIX = "spark.";
  /** Conf-file keys with this prefix go to the Kafka consumer, prefix removed. */
  public static final String KAFKA_PREFIX = "kafka.";
  /** Conf-file keys with this prefix are the database output's credentials (db.user, db.password). */
  public static final String DB_PREFIX = "db.";
}
