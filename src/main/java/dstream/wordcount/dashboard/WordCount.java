package dstream.wordcount.dashboard;

/** One word of a counting result as the dashboard keeps it: {@code {"word": "spark", "count": 12}}. */
public record WordCount(String word, long count) {}
