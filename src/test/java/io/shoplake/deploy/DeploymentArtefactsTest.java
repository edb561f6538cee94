package io.shoplake.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shoplake.cli.Main;
import io.shoplake.cli.common.PipelineSections;
import io.shoplake.config.ConfigException;
import io.shoplake.config.ShoplakeConfig;
import io.shoplake.pipelines.flyers.FlyerEngagementConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.apache.hadoop.util.VersionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import picocli.CommandLine;

/**
 * The deployment files under {@code deploy/} (no Docker engine runs here, so they are parsed, not run): their images
 * are pinned and stand on the versions the pom builds with, the ports and images agree with docs/cluster.md, every
 * shoplake.yaml in them loads through {@link ShoplakeConfig} with the pipelines' sections, and the services, ports,
 * paths and variable names one file names are the ones the others provide.
 */
class DeploymentArtefactsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path DOCKERFILE = Path.of("deploy", "docker", "Dockerfile");
    private static final Path IMAGE_LAUNCHER = Path.of("deploy", "docker", "shoplake");
    private static final Path LAUNCHER = Path.of("shoplake");
    private static final Path COMPOSE = Path.of("deploy", "compose", "docker-compose.yml");
    private static final Path COMPOSE_CONFIG = Path.of("deploy", "compose", "shoplake.yaml");
    private static final Path CONFIG_MAP = Path.of("deploy", "k8s", "shoplake-config.yaml");
    private static final Path SPARK_APPLICATION = Path.of("deploy", "k8s", "shoplake-spark-application.yaml");
    private static final Path CLUSTER_DOC = Path.of("docs", "cluster.md");
    private static final String DOC_SECTION = "## Docker, Compose and Kubernetes";

    private static Pom pom;
    private static Dockerfile dockerfile;
    private static JsonNode compose;
    private static JsonNode configMap;
    private static JsonNode sparkApplication;
    private static String docSection;

    @TempDir
    Path dir;

    /** What the pom says, read with XPath: the versions and the JVM flags the artefacts must repeat. */
    record Pom(String version, String sparkVersion, String kafkaVersion, String jvmOpens, String s3aHadoopAws) {
        static Pom read(Path file) throws Exception {
            Document pom =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
            var xpath = XPathFactory.newInstance().newXPath();
            return new Pom(
                    xpath.evaluate("/project/version", pom),
                    xpath.evaluate("/project/properties/spark.version", pom),
                    xpath.evaluate("/project/properties/kafka.version", pom),
                    xpath.evaluate("/project/properties/jvm.opens", pom),
                    xpath.evaluate(
                            "/project/profiles/profile[id='s3a']/dependencies/dependency[artifactId='hadoop-aws']"
                                    + "/version",
                            pom));
        }
    }

    @BeforeAll
    static void readTheFiles() throws Exception {
        pom = Pom.read(Path.of("pom.xml"));
        dockerfile = Dockerfile.read(DOCKERFILE);
        compose = YAML.readTree(COMPOSE.toFile());
        configMap = YAML.readTree(CONFIG_MAP.toFile());
        sparkApplication = YAML.readTree(SPARK_APPLICATION.toFile());
        String doc = Files.readString(CLUSTER_DOC);
        int start = doc.indexOf(DOC_SECTION);
        assertThat(start).as(CLUSTER_DOC + " has the section " + DOC_SECTION).isNotNegative();
        int next = doc.indexOf("\n## ", start + DOC_SECTION.length());
        docSection = next < 0 ? doc.substring(start) : doc.substring(start, next);
        assertThat(pom.version()).isNotEmpty();
        assertThat(pom.jvmOpens()).contains("--add-opens=java.base/java.nio=ALL-UNNAMED");
    }

    @Test
    void theDockerfileParserJoinsContinuationsAndDropsComments() {
        Dockerfile parsed = Dockerfile.parse(List.of(
                "# a comment",
                "FROM maven:3 AS build",
                "RUN a \\",
                "  # dropped inside a continuation",
                "    && b",
                "",
                "from eclipse-temurin:17",
                "ENTRYPOINT [\"/x\"]"));
        assertThat(parsed.stages())
                .containsExactly(
                        new Dockerfile.Stage("maven:3", "build"), new Dockerfile.Stage("eclipse-temurin:17", ""));
        assertThat(parsed.of("RUN")).containsExactly(new Dockerfile.Instruction("RUN", "a && b", "build"));
        assertThat(parsed.of("ENTRYPOINT", ""))
                .extracting(Dockerfile.Instruction::arguments)
                .containsExactly("[\"/x\"]");
        assertThatThrownBy(() -> Dockerfile.parse(List.of("FROM a", "RUN b \\")))
                .hasMessageStartingWith("the last instruction ends with a line continuation");
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        List<String> images = new ArrayList<>();
        dockerfile.stages().forEach(stage -> images.add(stage.image()));
        services().forEach((name, service) -> images.add(service.path("image").asText()));
        images.add(sparkApplication.at("/spec/image").asText());
        assertThat(images)
                .hasSizeGreaterThan(10)
                .allSatisfy(image -> assertThat(tag(image))
                        .as("tag of " + image)
                        .isNotEqualTo("latest")
                        .containsPattern("[0-9]"));
        // The images built here carry the project's version.
        assertThat(List.of(
                        services().get("shoplake").path("image").asText(),
                        services().get("spark-master").path("image").asText(),
                        services().get("spark-worker").path("image").asText(),
                        sparkApplication.at("/spec/image").asText()))
                .extracting(DeploymentArtefactsTest::tag)
                .containsOnly(pom.version());
    }

    @Test
    void theImagesStandOnTheVersionsThePomBuildsWith() {
        Map<String, String> stages = stageImages();
        assertThat(stages).containsOnlyKeys("build", "spark", "cli");
        assertThat(stages.get("build")).startsWith("maven:").endsWith("-eclipse-temurin-17");
        assertThat(stages.get("spark")).isEqualTo("apache/spark:" + pom.sparkVersion() + "-scala2.13-java17-ubuntu");
        assertThat(stages.get("cli")).startsWith("eclipse-temurin:17.");
        assertThat(dockerfile.stages().get(dockerfile.stages().size() - 1).name())
                .as("the CLI is the default (last) target")
                .isEqualTo("cli");
        assertThat(sparkApplication.at("/spec/sparkVersion").asText()).isEqualTo(pom.sparkVersion());
        assertThat(services().get("kafka").path("image").asText()).isEqualTo("apache/kafka:" + pom.kafkaVersion());
        // hadoop-aws must be the Hadoop version Spark brings, or S3A fails at class loading.
        assertThat(pom.s3aHadoopAws()).isEqualTo(VersionInfo.getVersion());
    }

    @Test
    void theImageBuildsWithMavenAndLaunchesShoplakeLikeTheLauncherScript() throws IOException {
        String build = String.join(" ", args(dockerfile.of("RUN", "build")));
        assertThat(build)
                .contains("-Pcluster package", "-Ps3a package dependency:copy-dependencies")
                .contains("-DincludeScope=runtime", "-DoutputDirectory=target/lib");
        // The JVM flags are extracted from the pom by the same sed expression as ./shoplake's.
        String sed = sedExpression(Files.readString(LAUNCHER));
        assertThat(sedExpression(build)).isEqualTo(sed);
        Matcher opens = Pattern.compile(sedToRegex(sed)).matcher(Files.readString(Path.of("pom.xml")));
        assertThat(opens.find()).isTrue();
        assertThat(opens.group(1)).isEqualTo(pom.jvmOpens());

        assertThat(args(dockerfile.of("COPY", "cli")))
                .contains(
                        "--from=build /src/target/shoplake.jar /opt/shoplake/shoplake.jar",
                        "--from=build /src/target/lib/ /opt/shoplake/lib/",
                        "--from=build /src/target/jvm.opens /opt/shoplake/jvm.opens",
                        "deploy/docker/shoplake /usr/local/bin/shoplake");
        assertThat(args(dockerfile.of("ENTRYPOINT", "cli"))).containsExactly("[\"/usr/local/bin/shoplake\"]");
        assertThat(args(dockerfile.of("WORKDIR", "cli"))).containsExactly("/work");
        assertThat(args(dockerfile.of("VOLUME", "cli")))
                .as("the default lake ./lake under the working directory is the volume")
                .containsExactly("[\"/work/lake\"]");

        String imageLauncher = Files.readString(IMAGE_LAUNCHER);
        String launcher = Files.readString(LAUNCHER);
        assertThat(Files.isExecutable(IMAGE_LAUNCHER)).isTrue();
        for (String shared : List.of("${SHOPLAKE_JAVA_OPTS:-}", "io.shoplake.cli.Main \"$@\"")) {
            assertThat(launcher).contains(shared);
            assertThat(imageLauncher).contains(shared);
        }
        assertThat(imageLauncher)
                .contains("$(cat \"$SHOPLAKE_HOME/jvm.opens\")")
                .contains("-cp \"$SHOPLAKE_HOME/shoplake.jar:$SHOPLAKE_HOME/lib/*\"")
                .contains("SHOPLAKE_HOME=\"${SHOPLAKE_HOME:-/opt/shoplake}\"");
    }

    @Test
    void composeHasTheImagesAndPortsTheDocsList() {
        Map<String, List<String>> documented = new TreeMap<>();
        Map<String, String> documentedImages = new TreeMap<>();
        for (List<String> row : docTable("| service | image | ports |")) {
            String service = unquote(row.get(0));
            documentedImages.put(service, backticked(row.get(1)).get(0));
            documented.put(service, backticked(row.get(2)));
        }
        Map<String, List<String>> published = new TreeMap<>();
        Map<String, String> images = new TreeMap<>();
        services().forEach((name, service) -> {
            images.put(name, service.path("image").asText());
            List<String> ports = new ArrayList<>();
            for (JsonNode port : service.path("ports")) {
                String[] parts = port.asText().split(":");
                assertThat(parts).as("port " + port.asText() + " of " + name).hasSize(3);
                assertThat(parts[0]).as("published on loopback only").isEqualTo("127.0.0.1");
                ports.add(parts[1]);
            }
            published.put(name, ports);
        });
        assertThat(documentedImages).isEqualTo(images);
        assertThat(documented).isEqualTo(published);

        Map<String, String> documentedStages = new TreeMap<>();
        for (List<String> row : docTable("| stage | FROM |")) {
            documentedStages.put(unquote(row.get(0)).replace(" (default)", ""), unquote(row.get(1)));
        }
        assertThat(documentedStages).isEqualTo(new TreeMap<>(stageImages()));
    }

    @Test
    void theDocsShowTheComposeConfigVerbatim() throws IOException {
        String marker = "`deploy/compose/shoplake.yaml`:\n\n```yaml\n";
        int start = docSection.indexOf(marker);
        assertThat(start).as("the docs show deploy/compose/shoplake.yaml").isNotNegative();
        int end = docSection.indexOf("```", start + marker.length());
        assertThat(docSection.substring(start + marker.length(), end)).isEqualTo(Files.readString(COMPOSE_CONFIG));
    }

    @Test
    void composeWiresShoplakeToTheServicesItNames() throws Exception {
        JsonNode shoplake = services().get("shoplake");
        Map<String, String> environment = environment(shoplake.path("environment"));
        String configPath = environment.get("SHOPLAKE_CONFIG");
        assertThat(strings(shoplake.path("volumes"))).contains("./shoplake.yaml:" + configPath + ":ro");
        assertThat(COMPOSE.resolveSibling("shoplake.yaml")).isEqualTo(COMPOSE_CONFIG);

        ShoplakeConfig config = PipelineSections.resolve(Optional.of(COMPOSE_CONFIG));
        assertThat(config.section(FlyerEngagementConfig.KEY, FlyerEngagementConfig.class))
                .isEqualTo(new FlyerEngagementConfig("flyer_open,item_open", null, null, "30m", null));

        // spark.master names the master service, whose command listens there; the worker joins the same URL.
        URI master = URI.create(config.spark().master());
        assertThat(master.getScheme()).isEqualTo("spark");
        List<String> masterCommand = strings(services().get(master.getHost()).path("command"));
        assertThat(masterCommand)
                .contains("org.apache.spark.deploy.master.Master")
                .containsSubsequence("--host", master.getHost())
                .containsSubsequence("--port", String.valueOf(master.getPort()));
        assertThat(strings(services().get("spark-worker").path("command")))
                .contains(
                        "org.apache.spark.deploy.worker.Worker", config.spark().master());

        // The JDBC catalog is the postgres service's database; its user and password variables are set.
        assertThat(config.catalog().type()).isEqualTo("jdbc");
        URI catalog = URI.create(config.catalog().uri().substring("jdbc:".length()));
        JsonNode postgres = services().get(catalog.getHost());
        assertThat(postgres.path("image").asText()).startsWith("postgres:");
        assertThat(catalog.getPort()).isEqualTo(5432);
        assertThat(catalog.getPath())
                .isEqualTo("/" + environment(postgres.path("environment")).get("POSTGRES_DB"));
        assertThat(environment)
                .containsKeys(config.catalog().userEnv(), config.catalog().passwordEnv())
                .containsEntry(config.catalog().userEnv(), "postgres");

        // The lake's bucket is the one minio-init creates; S3A talks to the minio service's API port.
        URI lake = URI.create(config.lake());
        assertThat(lake.getScheme()).isEqualTo("s3a");
        assertThat(String.join(" ", strings(services().get("minio-init").path("entrypoint"))))
                .contains("mc mb --ignore-existing lake/" + lake.getHost());
        Map<String, String> sparkOptions = systemProperties(environment.get("SHOPLAKE_JAVA_OPTS"));
        URI s3 = URI.create(sparkOptions.get("spark.hadoop.fs.s3a.endpoint"));
        assertThat(strings(services().get(s3.getHost()).path("ports"))).contains("127.0.0.1:9000:" + s3.getPort());
        assertThat(sparkOptions).containsEntry("spark.hadoop.fs.s3a.path.style.access", "true");
        for (String service : List.of("shoplake", "spark-worker")) {
            assertThat(environment(services().get(service).path("environment")))
                    .as(service + " has the S3 credentials")
                    .containsKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
        }

        // Executors call the driver back at the service name, on the fixed ports the image exposes.
        assertThat(sparkOptions)
                .containsEntry("spark.driver.host", "shoplake")
                .containsEntry("spark.driver.port", "7078")
                .containsEntry("spark.blockManager.port", "7079");
        assertThat(args(dockerfile.of("EXPOSE", "cli"))).containsExactly("4040 7078 7079 8080");
        // Executors find the application classes where the spark image put them.
        assertThat(args(dockerfile.of("COPY", "spark")))
                .contains(
                        "--from=build /tmp/shoplake-cluster.jar " + sparkOptions.get("spark.executor.extraClassPath"));
        // Every service on an image built here builds it (Compose would try to pull it otherwise), from the stage
        // the image name stands for.
        services().forEach((name, service) -> {
            String image = service.path("image").asText();
            if (image.startsWith("shoplake")) {
                assertThat(service.at("/build/dockerfile").asText()).as(name).isEqualTo("deploy/docker/Dockerfile");
                assertThat(service.at("/build/target").asText())
                        .as(name)
                        .isEqualTo(image.startsWith("shoplake-spark:") ? "spark" : "cli");
            }
        });

        // Kafka runs in KRaft mode: one node that is broker and controller, no ZooKeeper.
        Map<String, String> kafka = environment(services().get("kafka").path("environment"));
        assertThat(kafka.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka:9093");
        assertThat(kafka.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        assertThat(services().keySet()).noneMatch(name -> name.contains("zookeeper"));
    }

    @Test
    void kubernetesRunsAShoplakeCommandWithTheConfigMapAsItsConfig() throws Exception {
        assertThat(configMap.path("kind").asText()).isEqualTo("ConfigMap");
        JsonNode spec = sparkApplication.path("spec");
        assertThat(sparkApplication.path("apiVersion").asText()).isEqualTo("sparkoperator.k8s.io/v1beta2");
        assertThat(sparkApplication.path("kind").asText()).isEqualTo("SparkApplication");
        assertThat(spec.path("type").asText()).isEqualTo("Java");
        assertThat(spec.path("mode").asText()).isEqualTo("cluster");
        assertThat(spec.path("mainClass").asText()).isEqualTo(Main.class.getName());
        assertThat(spec.path("mainApplicationFile").asText()).isEqualTo("local:///opt/shoplake/shoplake-cluster.jar");
        assertThat(args(dockerfile.of("COPY", "spark")))
                .contains("--from=build /tmp/shoplake-cluster.jar /opt/shoplake/shoplake-cluster.jar");
        assertThat(spec.path("image").asText())
                .isEqualTo(services().get("spark-master").path("image").asText());
        assertThat(sparkApplication.at("/metadata/namespace").asText())
                .isEqualTo(configMap.at("/metadata/namespace").asText());

        // The arguments are a shoplake command line that parses.
        List<String> arguments = strings(spec.path("arguments"));
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(arguments.toArray(String[]::new));
        assertThat(parsed.subcommand().subcommand().commandSpec().qualifiedName())
                .isEqualTo("shoplake run flyer-engagement");

        // The pom's JVM flags for driver and executors.
        assertThat(spec.at("/sparkConf/spark.driver.extraJavaOptions").asText()).isEqualTo(pom.jvmOpens());
        assertThat(spec.at("/sparkConf/spark.executor.extraJavaOptions").asText())
                .isEqualTo(pom.jvmOpens());

        // SHOPLAKE_CONFIG is the ConfigMap's key, mounted from the volume that names the ConfigMap.
        Map<String, String> driverEnv = namedValues(spec.at("/driver/env"));
        Path configFile = Path.of(driverEnv.get("SHOPLAKE_CONFIG"));
        JsonNode mount = spec.at("/driver/volumeMounts/0");
        assertThat(configFile.getParent())
                .isEqualTo(Path.of(mount.path("mountPath").asText()));
        JsonNode volume = StreamSupport.stream(spec.path("volumes").spliterator(), false)
                .filter(v -> v.path("name").asText().equals(mount.path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(volume.at("/configMap/name").asText())
                .isEqualTo(configMap.at("/metadata/name").asText());
        JsonNode configText =
                configMap.at("/data").path(configFile.getFileName().toString());
        assertThat(configText.isTextual())
                .as("the ConfigMap holds " + configFile.getFileName())
                .isTrue();

        // That shoplake.yaml loads, and the variables it names come from the Secret.
        Path written = Files.writeString(dir.resolve("shoplake.yaml"), configText.asText());
        ShoplakeConfig config = PipelineSections.resolve(Optional.of(written));
        assertThat(config.spark().masterValue())
                .as("no master in the file: spark-submit's wins")
                .isEmpty();
        assertThat(config.spark().shufflePartitions()).isEqualTo(64);
        assertThat(URI.create(config.lake()).getScheme()).isEqualTo("s3a");
        assertThat(config.catalog().type()).isEqualTo("jdbc");
        assertThat(spec.at("/driver/env").findValuesAsText("name"))
                .contains(config.catalog().userEnv(), config.catalog().passwordEnv());
        for (String secretVariable :
                List.of(config.catalog().userEnv(), config.catalog().passwordEnv())) {
            JsonNode entry = StreamSupport.stream(spec.at("/driver/env").spliterator(), false)
                    .filter(e -> e.path("name").asText().equals(secretVariable))
                    .findFirst()
                    .orElseThrow();
            assertThat(entry.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("shoplake-secrets");
        }
        assertThat(docSection)
                .contains(
                        "`" + spec.path("image").asText() + "`",
                        "`sparkVersion: \"" + pom.sparkVersion() + "\"`",
                        "`" + sparkApplication.at("/metadata/name").asText() + "`",
                        "`" + configMap.at("/metadata/name").asText() + "`");
    }

    /** The load the other tests rely on does check: a misspelt key in a pipeline's section fails. */
    @Test
    void aShoplakeYamlWithAMisspeltKeyIsRejected() throws IOException {
        String misspelt = Files.readString(COMPOSE_CONFIG).replace("max-gap:", "max-gapp:");
        Path file = Files.writeString(dir.resolve("shoplake.yaml"), misspelt);
        assertThatThrownBy(() -> PipelineSections.resolve(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'flyer-engagement.max-gapp'");
    }

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose.path("services").properties().forEach(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    private static Map<String, String> stageImages() {
        Map<String, String> stages = new LinkedHashMap<>();
        dockerfile.stages().forEach(stage -> stages.put(stage.name(), stage.image()));
        return stages;
    }

    private static List<String> args(List<Dockerfile.Instruction> instructions) {
        return instructions.stream().map(Dockerfile.Instruction::arguments).toList();
    }

    private static String tag(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        assertThat(colon).as("image " + image + " has a tag").isGreaterThan(slash);
        return image.substring(colon + 1);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    /** A Compose {@code environment:} map (the list form is not used in these files). */
    private static Map<String, String> environment(JsonNode node) {
        assertThat(node.isObject()).as("environment is a map").isTrue();
        Map<String, String> values = new LinkedHashMap<>();
        node.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }

    /** A Kubernetes {@code env:} list with plain values ({@code valueFrom} entries map to an empty string). */
    private static Map<String, String> namedValues(JsonNode list) {
        Map<String, String> values = new LinkedHashMap<>();
        list.forEach(e -> values.put(e.path("name").asText(), e.path("value").asText()));
        return values;
    }

    private static Map<String, String> systemProperties(String javaOptions) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String option : javaOptions.trim().split("\\s+")) {
            if (option.startsWith("-D")) {
                int equals = option.indexOf('=');
                properties.put(option.substring(2, equals), option.substring(equals + 1));
            }
        }
        return properties;
    }

    /** The {@code sed -n 's:...:\1:p'} expression that extracts jvm.opens from the pom. */
    private static String sedExpression(String script) {
        Matcher sed =
                Pattern.compile("sed -n '(s:[^']*:p)' (?:\"\\$ROOT/)?pom\\.xml").matcher(script);
        assertThat(sed.find()).as("a sed over pom.xml in:\n" + script).isTrue();
        return sed.group(1);
    }

    /** {@code s:.*<x>\(.*\)</x>.*:\1:p} as a Java regex with one group. */
    private static String sedToRegex(String sed) {
        String pattern = sed.substring(2, sed.indexOf(":\\1:p"));
        return pattern.replace("\\(", "(").replace("\\)", ")");
    }

    /** The rows of the markdown table in the section whose header starts with {@code header}, cells trimmed. */
    private static List<List<String>> docTable(String header) {
        List<String> lines = docSection.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                at = i;
                break;
            }
        }
        assertThat(at).as("a table '" + header + "' in the section").isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String line = lines.get(i);
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.length() - 1).split("\\|")) {
                cells.add(cell.strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> backticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher matcher = Pattern.compile("`([^`]+)`").matcher(cell);
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static String unquote(String cell) {
        return cell.replace("`", "").strip();
    }
}
