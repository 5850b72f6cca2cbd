import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * Starts one embedded OpenSearch 2.x node (alone, or as a member of a loopback cluster) with the module plugins on the
 * classpath, for development and tests only.
 * Going through Node directly (not Bootstrap) skips the root check, jar hell, the Security Manager and bootstrap
 * checks, which is what lets CI run it as root from plain Maven Central jars. Started by scripts/opensearch/start.sh.
 */
public final class OpenSearchTestNode {
    private static final String NETTY = "org.opensearch.transport.Netty4Plugin";
    private static final String[] MODULES = {
        NETTY,
        "org.opensearch.analysis.common.CommonAnalysisPlugin",
        "org.opensearch.index.mapper.MapperExtrasPlugin",
        "org.opensearch.index.reindex.ReindexPlugin",
        "org.opensearch.painless.PainlessPlugin",
        "org.opensearch.script.mustache.MustachePlugin",
    };

    private OpenSearchTestNode() {}

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(System.getProperty("os.home", "target/opensearch-home")).toAbsolutePath();
        String host = System.getProperty("os.host", "127.0.0.1");
        String httpPort = System.getProperty("os.http.port", "9200");
        for (String dir : new String[] {"config", "data", "logs", "modules", "plugins"}) {
            Files.createDirectories(home.resolve(dir));
        }
        String nodeName = System.getProperty("os.node.name", "node-1");
        Settings.Builder settings = Settings.builder()
            .put("cluster.name", System.getProperty("os.cluster.name", "test-cluster"))
            .put("node.name", nodeName)
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("network.host", host)
            .put("http.port", httpPort)
            .put("transport.port", System.getProperty("os.transport.port", "9300-9399"))
            .put("http.type", "netty4")
            .put("transport.type", "netty4")
            .put("cluster.routing.allocation.disk.threshold_enabled", false);
        // A cluster (scripts/opensearch/start-cluster.sh) names its members' transport addresses and the nodes that
        // may bootstrap the first election; without them the node forms a cluster of its own.
        String seedHosts = System.getProperty("os.seed.hosts", "");
        if (seedHosts.isEmpty()) {
            settings.put("discovery.type", "single-node");
        } else {
            settings.putList("discovery.seed_hosts", seedHosts.split(","));
            settings.putList("cluster.initial_cluster_manager_nodes",
                System.getProperty("os.initial.managers", nodeName).split(","));
        }
        Environment env = InternalSettingsPreparer.prepareEnvironment(
            settings.build(), Collections.emptyMap(), home.resolve("config"), () -> nodeName);
        List<Class<? extends Plugin>> plugins = loadModules();
        Node node = new Node(env, plugins, true) {};

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "os-test-node-shutdown"));

        node.start();
        String pidFile = System.getProperty("os.pid.file");
        if (pidFile != null && !pidFile.isEmpty()) {
            Files.writeString(Paths.get(pidFile), Long.toString(ProcessHandle.current().pid()), StandardCharsets.UTF_8);
        }
        System.out.println("[os-test-node] started http://" + host + ":" + httpPort + " home=" + home
            + " modules=" + plugins.size());
        if (Boolean.getBoolean("os.exit.on.stdin.eof")) {
            watchStdin();
        }
        // OpenSearch's own threads are daemons; without Bootstrap's keep-alive thread main must block until shutdown.
        stopped.await();
    }

    private static List<Class<? extends Plugin>> loadModules() {
        List<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULES) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException e) {
                if (NETTY.equals(name)) {
                    throw new IllegalStateException("transport-netty4 not on the classpath: no HTTP", e);
                }
                System.err.println("[os-test-node] module not on classpath, skipped: " + name);
            }
        }
        return plugins;
    }

    /** When the parent holding our stdin pipe dies, the pipe closes and the node goes with it. */
    private static void watchStdin() {
        Thread watcher = new Thread(() -> {
            byte[] buffer = new byte[256];
            try (InputStream in = System.in) {
                while (in.read(buffer) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // treated as EOF
            }
            System.exit(0);
        }, "os-test-node-stdin");
        watcher.setDaemon(true);
        watcher.start();
    }
}
