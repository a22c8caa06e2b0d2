# Sourced by the launchers in bin/: resolves the project home, Java, the JVM flags Spark needs on
# Java 17, and builds the project with Maven the first time (or after a source change).
# Overrides: WORDCOUNT_HOME, WORDCOUNT_CONF_DIR, WORDCOUNT_LOG_DIR, JAVA_HOME, WORDCOUNT_JAVA_OPTS.

WORDCOUNT_HOME="${WORDCOUNT_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
WORDCOUNT_CONF_DIR="${WORDCOUNT_CONF_DIR:-$WORDCOUNT_HOME/conf}"
WORDCOUNT_LOG_DIR="${WORDCOUNT_LOG_DIR:-$WORDCOUNT_HOME/logs}"

# The flags Spark gives its own JVMs on Java 17 (kept in step with spark.jvm.flags in pom.xml).
SPARK_JAVA_FLAGS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
)

wc_die() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Java: JAVA_HOME first, then PATH.
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  JAVA="$JAVA_HOME/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  wc_die "no java found: install JDK 17 or set JAVA_HOME"
fi

# Builds once. The compiler plugin recompiles every class when any source changed, so a source
# or pom newer than Main.class means the build is stale.
wc_ensure_built() {
  local stamp="$WORDCOUNT_HOME/target/classes/dstream/wordcount/Main.class"
  if [ -f "$stamp" ] && [ -f "$WORDCOUNT_HOME/target/classpath.txt" ] \
      && [ -z "$(find "$WORDCOUNT_HOME/src/main" "$WORDCOUNT_HOME/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || wc_die "the project is not built and mvn is not on PATH: install Maven 3.8+"
  echo "$(basename "$0"): building dstream-wordcount with Maven (first run or sources changed)..." >&2
  (cd "$WORDCOUNT_HOME" && mvn -q -B -DskipTests compile >"$WORDCOUNT_HOME/target-build.log" 2>&1) \
    || { cat "$WORDCOUNT_HOME/target-build.log" >&2; wc_die "the Maven build failed (output above)"; }
  rm -f "$WORDCOUNT_HOME/target-build.log"
  touch "$stamp" # a pom-only change recompiles nothing
}

# The spark-submit application jar (target/dstream-wordcount-<version>-app.jar), built with
# `mvn package` the first time or when sources changed; sets WC_APP_JAR.
wc_ensure_app_jar() {
  WC_APP_JAR="$(ls -t "$WORDCOUNT_HOME"/target/dstream-wordcount-*-app.jar 2>/dev/null | head -n 1 || true)"
  if [ -n "$WC_APP_JAR" ] && [ -f "$WORDCOUNT_HOME/target/spark-classpath.txt" ] \
      && [ -z "$(find "$WORDCOUNT_HOME/src/main" "$WORDCOUNT_HOME/pom.xml" -newer "$WC_APP_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "$(basename "$0"): building the application jar with Maven (mvn package)..." >&2
  (cd "$WORDCOUNT_HOME" && mvn -q -B -Dmaven.test.skip=true package >"$WORDCOUNT_HOME/target-build.log" 2>&1) \
    || { cat "$WORDCOUNT_HOME/target-build.log" >&2; wc_die "the Maven build failed (output above)"; }
  rm -f "$WORDCOUNT_HOME/target-build.log"
  touch "$WORDCOUNT_HOME/target/classes/dstream/wordcount/Main.class" # see wc_ensure_built
  WC_APP_JAR="$(ls -t "$WORDCOUNT_HOME"/target/dstream-wordcount-*-app.jar | head -n 1)"
}

# What a Spark distribution's jars/ holds: the resolved classpath minus what the app jar bundles.
wc_spark_classpath() {
  [ -f "$WORDCOUNT_HOME/target/spark-classpath.txt" ] || wc_die "target/spark-classpath.txt is missing: run mvn package"
  cat "$WORDCOUNT_HOME/target/spark-classpath.txt"
}

# The job's classpath: compiled classes, then every dependency Maven resolved (Spark included).
# HADOOP_CONF_DIR first, as Spark's own launcher puts it: a real cluster's core-site.xml and
# hdfs-site.xml make hdfs:///path (fs.defaultFS) and HA name services work.
wc_classpath() {
  echo "${HADOOP_CONF_DIR:+$HADOOP_CONF_DIR:}$WORDCOUNT_HOME/target/classes:$(cat "$WORDCOUNT_HOME/target/classpath.txt")"
}

# Runs a Java main class of the project with Spark's flags, our logging and conf directory.
wc_exec_java() {
  local main="$1"
  shift
  mkdir -p "$WORDCOUNT_LOG_DIR" 2>/dev/null || true
  # shellcheck disable=SC2086  # WORDCOUNT_JAVA_OPTS is a list of flags
  exec "$JAVA" "${SPARK_JAVA_FLAGS[@]}" ${WORDCOUNT_JAVA_OPTS:-} \
    -cp "$(wc_classpath)" \
    -Dlog4j.configurationFile="$WORDCOUNT_CONF_DIR/log4j2.properties" \
    -Dwordcount.home="$WORDCOUNT_HOME" \
    -Dwordcount.conf.dir="$WORDCOUNT_CONF_DIR" \
    -Dwordcount.log.dir="$WORDCOUNT_LOG_DIR" \
    "$main" "$@"
}
