# Sourced by the launchers in bin/: resolves the project home, the Spark line and its build, Java,
# the JVM flags Spark needs, and builds the project with Maven the first time (or after a change).
# Overrides: WORDCOUNT_HOME, WORDCOUNT_CONF_DIR, WORDCOUNT_LOG_DIR, JAVA_HOME, WORDCOUNT_JAVA_OPTS,
# WORDCOUNT_SPARK (the Spark line: unset or 4.2 for the default build, 3.5 for the spark-3.5 one).

WORDCOUNT_HOME="${WORDCOUNT_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
WORDCOUNT_CONF_DIR="${WORDCOUNT_CONF_DIR:-$WORDCOUNT_HOME/conf}"
WORDCOUNT_LOG_DIR="${WORDCOUNT_LOG_DIR:-$WORDCOUNT_HOME/logs}"

# One build per Spark line (pom.xml profiles), side by side: the default in target/, spark-3.5 in
# target/spark-3.5/. The flags are each line's launcher/.../JavaModuleOptions.java, the list Spark
# gives every JVM it starts (kept in step with spark.jvm.flags of the profile in pom.xml).
SPARK_JAVA_FLAGS_COMMON=(
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
)
case "${WORDCOUNT_SPARK:-4.2}" in
  4.2)
    WC_SPARK_LINE=4.2
    WC_TARGET="$WORDCOUNT_HOME/target"
    WC_MVN_PROFILE=()
    # --sun-misc-unsafe-memory-access=allow is for JDK 23+; IgnoreUnrecognizedVMOptions lets 17 pass it.
    # Left out, as in pom.xml: --add-modules=jdk.incubator.vector (MLlib only; a stderr warning).
    SPARK_JAVA_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions "${SPARK_JAVA_FLAGS_COMMON[@]}"
      -Dio.netty.tryReflectionSetAccessible=true -Dio.netty.allocator.type=pooled
      -Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE
      --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
    ;;
  3.5)
    WC_SPARK_LINE=3.5
    WC_TARGET="$WORDCOUNT_HOME/target/spark-3.5"
    WC_MVN_PROFILE=(-Pspark-3.5)
    SPARK_JAVA_FLAGS=(-XX:+IgnoreUnrecognizedVMOptions "${SPARK_JAVA_FLAGS_COMMON[@]}"
      -Djdk.reflect.useDirectMethodHandle=false)
    ;;
  *)
    echo "$(basename "$0"): WORDCOUNT_SPARK=${WORDCOUNT_SPARK} is not a Spark line this project builds: leave it unset (or 4.2) for Spark 4.2, or set 3.5 for Spark 3.5" >&2
    exit 2
    ;;
esac

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
  wc_die "no java found: install JDK 17 (or later) or set JAVA_HOME"
fi

# The Java feature version (17, 21, 25, ...), from the JDK's release file, without starting a JVM.
wc_java_feature() {
  local release
  release="$(dirname "$(dirname "$(readlink -f "$JAVA")")")/release"
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null | head -n 1
}
# JDK 24 removed the package sun.security.action (with the Security Manager); opening it there
# only makes the JVM print a warning on stderr.
if [ "$(wc_java_feature)" -ge 24 ] 2>/dev/null; then
  kept=()
  for flag in "${SPARK_JAVA_FLAGS[@]}"; do
    [ "$flag" = --add-opens=java.base/sun.security.action=ALL-UNNAMED ] || kept+=("$flag")
  done
  SPARK_JAVA_FLAGS=("${kept[@]}")
  unset kept flag
fi

# Builds once. The compiler plugin recompiles every class when any source changed, so a source
# or pom newer than Main.class means the build is stale.
wc_ensure_built() {
  local stamp="$WC_TARGET/classes/dstream/wordcount/Main.class"
  if [ -f "$stamp" ] && [ -f "$WC_TARGET/classpath.txt" ] \
      && [ -z "$(find "$WORDCOUNT_HOME/src/main" "$WORDCOUNT_HOME/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  wc_maven "building dstream-wordcount for Spark $WC_SPARK_LINE with Maven (first run or sources changed)" \
    -DskipTests compile
}

# Runs Maven quietly for this line (its profile), its output shown only on failure. The compiler
# does not notice that dependencies changed (a new Spark version in pom.xml), so a pom newer than
# the classes means compiling them all again.
wc_maven() {
  local what="$1" stamp="$WC_TARGET/classes/dstream/wordcount/Main.class" log
  shift
  command -v mvn >/dev/null 2>&1 || wc_die "the project is not built and mvn is not on PATH: install Maven 3.8+"
  echo "$(basename "$0"): $what..." >&2
  if [ -f "$stamp" ] && [ "$WORDCOUNT_HOME/pom.xml" -nt "$stamp" ]; then
    rm -rf "$WC_TARGET/classes"
  fi
  mkdir -p "$WC_TARGET"
  log="$WC_TARGET/build-$$.log"
  (cd "$WORDCOUNT_HOME" && mvn -q -B "${WC_MVN_PROFILE[@]}" "$@" >"$log" 2>&1) \
    || { cat "$log" >&2; rm -f "$log"; wc_die "the Maven build failed (output above)"; }
  rm -f "$log"
  touch "$stamp" # a pom-only change recompiles nothing
}

# The spark-submit application jar of this line (dstream-wordcount-<version>-spark<line>.jar),
# built with `mvn package` the first time or when sources changed; sets WC_APP_JAR.
wc_ensure_app_jar() {
  WC_APP_JAR="$(ls -t "$WC_TARGET"/dstream-wordcount-*-spark"$WC_SPARK_LINE".jar 2>/dev/null | head -n 1 || true)"
  if [ -n "$WC_APP_JAR" ] && [ -f "$WC_TARGET/spark-classpath.txt" ] \
      && [ -z "$(find "$WORDCOUNT_HOME/src/main" "$WORDCOUNT_HOME/pom.xml" -newer "$WC_APP_JAR" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  wc_maven "building the Spark $WC_SPARK_LINE application jar with Maven (mvn package)" \
    -Dmaven.test.skip=true package
  WC_APP_JAR="$(ls -t "$WC_TARGET"/dstream-wordcount-*-spark"$WC_SPARK_LINE".jar | head -n 1)"
}

# What a Spark distribution's jars/ holds: the resolved classpath minus what the app jar bundles.
wc_spark_classpath() {
  [ -f "$WC_TARGET/spark-classpath.txt" ] || wc_die "$WC_TARGET/spark-classpath.txt is missing: run mvn ${WC_MVN_PROFILE[*]} package"
  cat "$WC_TARGET/spark-classpath.txt"
}

# The job's classpath: compiled classes, then every dependency Maven resolved (Spark included).
wc_classpath() {
  echo "$WC_TARGET/classes:$(cat "$WC_TARGET/classpath.txt")"
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
    -Dwordcount.build.dir="$WC_TARGET" \
    -Dwordcount.conf.dir="$WORDCOUNT_CONF_DIR" \
    -Dwordcount.log.dir="$WORDCOUNT_LOG_DIR" \
    "$main" "$@"
}
