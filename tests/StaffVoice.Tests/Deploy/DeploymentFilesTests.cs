using YamlDotNet.RepresentationModel;

namespace StaffVoice.Tests.Deploy;

/// <summary>
/// No container runtime runs here, so the image, compose and Kubernetes files are read and checked for the properties
/// an operator relies on: non-root, an owned data directory, health checks and probes, start-up order, affinity,
/// required secrets and no sa for the instances.
/// </summary>
public class DeploymentFilesTests
{
    private static readonly string Root = RepositoryRoot();

    private static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    [Fact]
    public void The_image_builds_for_linux_x64_runs_as_a_non_root_user_who_owns_the_data_directory_and_has_a_health_check()
    {
        var lines = Read("deploy/Dockerfile").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.Equal(2, lines.Count(l => l.StartsWith("FROM ")));
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0", lines.First(l => l.StartsWith("FROM ")));
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", lines.Last(l => l.StartsWith("FROM ")));
        Assert.Contains(lines, l => l.Contains("dotnet publish") && l.Contains("-r linux-x64") && l.Contains("--self-contained false"));

        var final = lines.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet")).ToList();
        var user = final.Last(l => l.StartsWith("USER ")).Split(' ', 2)[1];
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.Contains(final, l => l.StartsWith("COPY") && l.Contains($"--chown={user}:{user}") && l.EndsWith(" /data"));
        Assert.Contains(final, l => l.StartsWith("HEALTHCHECK") || l.StartsWith("CMD [\"dotnet\", \"StaffVoice.Web.dll\", \"--probe\", \"http://localhost:8080/health/live\"]"));
        Assert.Contains(final, l => l.Contains("/health/live"));
        Assert.Single(final, l => l.StartsWith("EXPOSE "));
        Assert.DoesNotContain(lines, l => l.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase) || l.Contains("Secret", StringComparison.Ordinal));

        var ignored = Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin/", "**/obj/", "**/data/", "*.db", ".git/" }, ignored);
    }

    [Fact]
    public void Compose_starts_in_order_on_a_full_text_SQL_Server_and_the_instances_use_their_own_login()
    {
        var compose = Yaml("deploy/compose.yaml");
        var services = (YamlMappingNode)compose["services"];
        string Condition(string service, string on) => Scalar(Map(Map(Map(services, service), "depends_on"), on), "condition");

        Assert.Equal("sqlserver", Scalar(Map(Map(services, "sql"), "build"), "context"));
        Assert.Contains("mssql-server-fts", Read("deploy/sqlserver/Dockerfile"));
        Assert.True(Map(services, "sql").Children.ContainsKey("healthcheck"));
        Assert.Equal("service_healthy", Condition("db-init", "sql"));
        Assert.Equal("service_completed_successfully", Condition("migrate", "db-init"));
        Assert.Contains("--migrate-only", ((YamlSequenceNode)Map(services, "migrate")["command"]).Select(n => n.ToString()));
        foreach (var web in new[] { "web1", "web2" })
        {
            Assert.Equal("service_completed_successfully", Condition(web, "migrate"));
            var environment = Map(Map(services, web), "environment");
            var connection = Scalar(environment, "ConnectionStrings__StaffVoice");
            Assert.Contains("User Id=staffvoice_app", connection);
            Assert.DoesNotContain("User Id=sa;", connection);
            Assert.Contains("${APP_PASSWORD:?", connection);
            foreach (var required in new[] { "AzureAd__TenantId", "AzureAd__ClientId", "AzureAd__ClientSecret", "AllowedHosts" })
            {
                Assert.StartsWith("${", Scalar(environment, required));
                Assert.Contains(":?", Scalar(environment, required));
            }
            Assert.Equal("false", Scalar(environment, "Database__MigrateOnStartup"));
            Assert.Contains("/health/ready", string.Join(' ', ((YamlSequenceNode)Map(Map(services, web), "healthcheck")["test"]).Select(n => n.ToString())));
            Assert.Equal("unless-stopped", Scalar(Map(services, web), "restart"));
        }
        Assert.Equal("service_healthy", Condition("nginx", "web1"));
        Assert.Equal("service_healthy", Condition("nginx", "web2"));

        var nginx = Read("deploy/nginx.conf");
        Assert.Contains("hash $staffvoice_affinity consistent;", nginx);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", nginx);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", nginx);
        var init = Read("deploy/sqlserver/init.sql");
        Assert.Contains("CREATE LOGIN [staffvoice_app]", init);
        Assert.DoesNotContain("db_owner] ADD MEMBER [staffvoice_app]", init);
    }

    [Fact]
    public void Kubernetes_runs_two_non_root_read_only_replicas_with_split_probes_cookie_affinity_and_a_migration_job()
    {
        var deployment = Yaml("deploy/kubernetes/deployment.yaml");
        var spec = Map(deployment, "spec");
        Assert.Equal("2", Scalar(spec, "replicas"));
        var pod = Map(Map(spec, "template"), "spec");
        Assert.Equal("true", Scalar(Map(pod, "securityContext"), "runAsNonRoot"));
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"])[0];
        Assert.Equal("/health/live", Scalar(Map(Map(container, "livenessProbe"), "httpGet"), "path"));
        Assert.Equal("/health/ready", Scalar(Map(Map(container, "readinessProbe"), "httpGet"), "path"));
        Assert.Equal("true", Scalar(Map(container, "securityContext"), "readOnlyRootFilesystem"));
        Assert.Equal("false", Scalar(Map(container, "securityContext"), "allowPrivilegeEscalation"));
        Assert.True(Map(Map(container, "resources"), "requests").Children.Count >= 2);
        Assert.True(Map(Map(container, "resources"), "limits").Children.Count >= 2);

        var annotations = Map(Map(Yaml("deploy/kubernetes/ingress.yaml"), "metadata"), "annotations");
        Assert.Equal("cookie", Scalar(annotations, "nginx.ingress.kubernetes.io/affinity"));

        var job = Yaml("deploy/kubernetes/migrate-job.yaml");
        Assert.Equal("Job", Scalar(job, "kind"));
        var jobContainer = (YamlMappingNode)((YamlSequenceNode)Map(Map(Map(job, "spec"), "template"), "spec")["containers"])[0];
        Assert.Contains("--migrate-only", ((YamlSequenceNode)jobContainer["args"]).Select(n => n.ToString()));

        var secret = Read("deploy/kubernetes/secret.example.yaml");
        Assert.Contains("User Id=staffvoice_app", secret);
        Assert.DoesNotContain("User Id=sa;", secret);
    }

    private static YamlMappingNode Yaml(string relative)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(Read(relative));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) =>
        Lookup(node, key) as YamlMappingNode ?? throw new Xunit.Sdk.XunitException($"'{key}' is missing or not a mapping.");

    private static string Scalar(YamlMappingNode node, string key) =>
        (Lookup(node, key) as YamlScalarNode)?.Value ?? throw new Xunit.Sdk.XunitException($"'{key}' is missing or not a value.");

    /// <summary>A key of a mapping, following YAML merge keys (<c>&lt;&lt;: *anchor</c>) as compose does.</summary>
    private static YamlNode? Lookup(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child
        : node.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) && merged is YamlMappingNode parent ? Lookup(parent, key)
        : null;

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StaffVoice.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("StaffVoice.sln not found above the test binaries.");
    }
}
