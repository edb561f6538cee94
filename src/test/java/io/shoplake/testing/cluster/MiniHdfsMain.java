package io.shoplake.testing.cluster;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * An HDFS with one NameNode and one DataNode on loopback, run in its own JVM by {@link MiniHdfs}: writes its URI to
 * {@code args[1]} once it is up and runs until its process is stopped.
 */
public final class MiniHdfsMain {

    private MiniHdfsMain() {}

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        Path uriFile = Path.of(args[1]);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base.toFile(), "data").getAbsolutePath());
        conf.set("dfs.replication", "1");
        conf.set("dfs.namenode.safemode.extension", "0");
        // No web servers: the test needs only the RPC and data transfer ports.
        conf.set("dfs.namenode.http-address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        cluster.waitActive();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::shutdown));
        Path temp = uriFile.resolveSibling(uriFile.getFileName() + ".tmp");
        Files.writeString(temp, cluster.getURI().toString());
        Files.move(temp, uriFile);
        Thread.currentThread().join();
    }
}
