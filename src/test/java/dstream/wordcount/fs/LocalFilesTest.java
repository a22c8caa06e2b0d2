package dstream.wordcount.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options.Rename;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fork-free local file system answers as Hadoop's own does, through both Hadoop APIs. */
class LocalFilesTest {
  @TempDir java.nio.file.Path tmp;

  private static Configuration conf() {
    Configuration conf = new Configuration();
    // No cached instance of another run: this test's file system is the one configured here.
    conf.setBoolean("fs.file.impl.disable.cache", true);
    LocalFiles.sparkSettings().forEach((k, v) -> conf.set(k.substring("spark.hadoop.".length()), v));
    return conf;
  }

  @Test
  void permissionsAreSetAsAsked() throws Exception {
    FileSystem fs = FileSystem.get(tmp.toUri(), conf());
    assertEquals(LocalFiles.FileSystem.class, fs.getClass());
    Path dir = new Path(tmp.toUri().toString(), "a/b");
    assertTrue(fs.mkdirs(dir, new FsPermission((short) 0750)));
    Path file = new Path(dir, "f.txt");
    try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), true, 4096,
        (short) 1, 1 << 20, null)) {
      out.write("x\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("rwxr-x---", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("a/b"))));
    assertEquals("rw-r-----", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("a/b/f.txt"))));
    fs.setPermission(file, new FsPermission((short) 01604));
    assertEquals("rw----r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(tmp.resolve("a/b/f.txt"))));
    assertEquals(new FsPermission((short) 0604), fs.getFileStatus(file).getPermission());
    fs.close();
  }

  /** Spark's checkpoint writes: create a temporary file, then rename it over through FileContext. */
  @Test
  void fileContextWritesAndRenamesAtomically() throws Exception {
    FileContext fc = FileContext.getFileContext(tmp.toUri(), conf());
    Path tmpFile = new Path(tmp.toUri().toString(), ".1.tmp");
    Path done = new Path(tmp.toUri().toString(), "1");
    Files.writeString(tmp.resolve("1"), "old\n");
    try (FSDataOutputStream out = fc.create(tmpFile, EnumSet.of(CreateFlag.CREATE))) {
      out.write("v1\n".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(tmpFile, done, Rename.OVERWRITE);
    assertEquals("v1\n", Files.readString(tmp.resolve("1")));
    assertFalse(Files.exists(tmp.resolve(".1.tmp")));
    assertEquals(3, fc.getFileStatus(done).getLen());
    assertThrows(FileNotFoundException.class,
        () -> fc.getFileLinkStatus(new Path(tmp.toUri().toString(), "missing")));
  }

  /** Links are Hadoop's own to answer: the same status as its stock local file system gives. */
  @Test
  void linkStatusIsHadoopsOwn() throws Exception {
    Files.writeString(tmp.resolve("target.txt"), "t\n");
    Files.createSymbolicLink(tmp.resolve("link.txt"), tmp.resolve("target.txt"));
    Configuration stockConf = new Configuration();
    stockConf.setBoolean("fs.file.impl.disable.cache", true);
    FileContext ours = FileContext.getFileContext(tmp.toUri(), conf());
    FileContext stock = FileContext.getFileContext(tmp.toUri(), stockConf);
    FileSystem oursFs = FileSystem.get(tmp.toUri(), conf());
    FileSystem stockFs = FileSystem.get(tmp.toUri(), stockConf);
    for (String name : new String[] {"link.txt", "target.txt"}) {
      Path p = new Path(tmp.toUri().toString(), name);
      Path bare = new Path(tmp.resolve(name).toString());
      assertEquals(summary(stock.getFileLinkStatus(p)), summary(ours.getFileLinkStatus(p)), name);
      assertEquals(summary(stockFs.getFileLinkStatus(bare)), summary(oursFs.getFileLinkStatus(bare)),
          name);
    }
    assertTrue(oursFs.getFileLinkStatus(new Path(tmp.resolve("link.txt").toString())).isSymlink());
  }

  private static String summary(FileStatus s) throws java.io.IOException {
    return s.getPath() + " file=" + s.isFile() + " link=" + s.isSymlink() + " len=" + s.getLen()
        + (s.isSymlink() ? " -> " + s.getSymlink() : "");
  }
}
