using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using StaffVoice.Web.Features.Engagement;

namespace StaffVoice.Tests.Features.Engagement;

/// <summary>E-mail through the outbox, against a real SMTP server in the test process (netDumbster).</summary>
public class MailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "StaffVoice.Web";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private sealed record World(TestDatabase Database, FakeTimeProvider Clock, MailOptions Options, NotificationService Notifier,
        MailOutboxSweep Outbox, MailDigestSweep Digest, int Alex) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static async Task<World> WorldAsync(MailOptions options, DateTimeOffset? start = null)
    {
        // Tuesday 3 March 2026, 09:00 UK time (GMT).
        var clock = new FakeTimeProvider(start ?? new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero));
        var database = await TestDatabase.CreateAsync(clock, seed: true);
        var wrapped = Options.Create(options);
        var notifier = new NotificationService(database.Factory, clock, new NotificationEvents(), wrapped);
        var transport = new MailKitTransport(wrapped, new Environment(Path.GetTempPath()), clock);
        var outbox = new MailOutboxSweep(database.Factory, transport, wrapped, clock, NullLogger<MailOutboxSweep>.Instance);
        var digest = new MailDigestSweep(database.Factory, wrapped, TestHost.Calendar(database, clock), clock, NullLogger<MailDigestSweep>.Instance);
        return new World(database, clock, options, notifier, outbox, digest, (await database.ActorAsync(Demo.Employee)).PersonId);
    }

    private static MailOptions Smtp(int port) => new()
    {
        Host = "127.0.0.1", Port = port, Security = "None", From = "StaffVoice <staffvoice@northbridge.example>", PublicUrl = "https://staffvoice.northbridge.example",
    };

    [Fact]
    public async Task A_review_request_is_e_mailed_once_with_its_link_however_often_or_concurrently_the_job_runs()
    {
        using var server = Configuration.Configure().WithRandomPort().Build();
        await using var w = await WorldAsync(Smtp(server.Configuration.Port));
        await w.Notifier.NotifyAsync([new NotificationRequest(w.Alex, "review-requested", "Jordan asked for your review",
            "/responses/drafts/7", "Garden waste collections restart on Monday.", "review-requested:7")], Ct);

        await Task.WhenAll(w.Outbox.RunAsync(Ct), w.Outbox.RunAsync(Ct));
        await w.Outbox.RunAsync(Ct);

        Assert.Equal(1, server.ReceivedEmailCount);
        var mail = server.ReceivedEmail.Single();
        Assert.Equal("employee@example.org", mail.ToAddresses.Single().Address);
        Assert.Equal("Jordan asked for your review", mail.Headers["Subject"]);
        var body = string.Join("\n", mail.MessageParts.Select(p => p.BodyData));
        Assert.Contains("https://staffvoice.northbridge.example/responses/drafts/7", body);
        Assert.Contains("https://staffvoice.northbridge.example/notifications/preferences#reviews", body);
        await using var db = w.Database.NewContext();
        var row = await db.OutboxMails.SingleAsync(Ct);
        Assert.Equal((1, (string?)null), (row.Attempts, row.LastError));
        Assert.NotNull(row.SentAt);
    }

    [Fact]
    public async Task What_a_person_chose_decides_in_app_only_at_once_or_in_the_digest()
    {
        await using var w = await WorldAsync(Smtp(25));
        var prefs = new NotificationPreferencesService(w.Database.Factory, TestHost.Operations(w.Database, w.Clock));
        var alex = await w.Database.ActorAsync(Demo.Employee);
        var defaults = await prefs.GetAsync(alex, Ct);
        Assert.Equal(Delivery.EmailAtOnce, defaults.Single(p => p.Category.Key == "reviews").Delivery);
        Assert.Equal(Delivery.DailyDigest, defaults.Single(p => p.Category.Key == "knowledge").Delivery);

        await prefs.SetAsync(alex, new Dictionary<string, Delivery> { ["reviews"] = Delivery.InAppOnly, ["knowledge"] = Delivery.EmailAtOnce }, Ct);
        await w.Notifier.NotifyAsync([
            new NotificationRequest(w.Alex, "review-requested", "A review", "/responses/drafts/1"),
            new NotificationRequest(w.Alex, "question-asked", "A question in your area", "/knowledge/questions/1"),
        ], Ct);
        await using var db = w.Database.NewContext();
        Assert.Equal(["A question in your area"], await db.OutboxMails.Select(m => m.Subject).ToListAsync(Ct));
        await Assert.ThrowsAsync<StaffVoice.Web.Features.ValidationFailedException>(() =>
            prefs.SetAsync(alex, new Dictionary<string, Delivery> { ["nonsense"] = Delivery.InAppOnly }, Ct));
        Assert.Equal("training-overdue", NotificationCategories.For("training-overdue-summary").Key);
        Assert.Equal("training", NotificationCategories.For("training-reminder").Key);
        Assert.Equal("other", NotificationCategories.For("quiet-period-declared").Key);
    }

    [Fact]
    public async Task A_server_that_refuses_is_retried_later_and_the_action_that_caused_the_mail_is_untouched()
    {
        var options = Smtp(GetClosedPort());
        await using var w = await WorldAsync(options);
        var created = await w.Notifier.NotifyAsync([new NotificationRequest(w.Alex, "review-requested", "Please review", "/responses/drafts/3")], Ct);
        Assert.Equal(1, created);

        Assert.Equal(0, await w.Outbox.RunAsync(Ct));
        await using (var db = w.Database.NewContext())
        {
            var row = await db.OutboxMails.SingleAsync(Ct);
            Assert.Equal(1, row.Attempts);
            Assert.NotNull(row.LastError);
            Assert.Equal(w.Clock.GetUtcNow().UtcDateTime.AddMinutes(1), row.NextAttemptAt);
            Assert.Null(row.SentAt);
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientId == w.Alex && n.Kind == "review-requested", Ct));
        }
        Assert.Equal(0, await w.Outbox.RunAsync(Ct)); // not yet due again

        using var server = Configuration.Configure().WithRandomPort().Build();
        options.Port = server.Configuration.Port;
        w.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await w.Outbox.RunAsync(Ct));
        Assert.Equal(1, server.ReceivedEmailCount);
    }

    [Fact]
    public async Task Without_a_host_each_message_is_written_as_an_eml_file_to_the_pickup_directory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "staffvoice-tests", $"mail-{Guid.NewGuid():N}");
        await using var w = await WorldAsync(new MailOptions { PickupDirectory = folder, PublicUrl = "http://localhost:5080" });
        await w.Notifier.NotifyAsync([new NotificationRequest(w.Alex, "conversation-assigned", "Jordan assigned you a conversation", "/responses/conversations/4")], Ct);
        Assert.Equal(1, await w.Outbox.RunAsync(Ct));
        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        Assert.StartsWith("20260303T090000-", Path.GetFileName(file)); // named by the app's clock
        var text = await File.ReadAllTextAsync(file, Ct);
        Assert.Contains("Subject: Jordan assigned you a conversation", text);
        Assert.Contains("To: employee@example.org", text);
        Directory.Delete(folder, true);
    }

    [Fact]
    public async Task One_digest_a_day_after_seven_with_the_digest_categories_only_and_nothing_for_people_with_nothing_new()
    {
        using var server = Configuration.Configure().WithRandomPort().Build();
        // Tuesday 3 March 2026, 06:30 UK time.
        await using var w = await WorldAsync(Smtp(server.Configuration.Port), new DateTimeOffset(2026, 3, 3, 6, 30, 0, TimeSpan.Zero));
        await w.Notifier.NotifyAsync([
            new NotificationRequest(w.Alex, "training-reminder", "Reminder: Fire safety is due 9 Mar", "/training/courses/2"),
            new NotificationRequest(w.Alex, "question-answered", "Your question has an answer", "/knowledge/questions/5"),
            new NotificationRequest(w.Alex, "review-requested", "A review (sent at once, not in the digest)", "/responses/drafts/9"),
        ], Ct);
        await w.Outbox.RunAsync(Ct);
        server.ClearReceivedEmail();

        Assert.Equal(0, await w.Digest.RunAsync(Ct)); // before 07:00
        w.Clock.Advance(TimeSpan.FromHours(1));
        var runs = await Task.WhenAll(w.Digest.RunAsync(Ct), w.Digest.RunAsync(Ct));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(0, await w.Digest.RunAsync(Ct));
        await w.Outbox.RunAsync(Ct);

        var digest = Assert.Single(server.ReceivedEmail);
        Assert.Equal("Your StaffVoice digest: 2 new", digest.Headers["Subject"]);
        var body = string.Join("\n", digest.MessageParts.Select(p => p.BodyData));
        Assert.Contains("Fire safety", body);
        Assert.Contains("has an answer", body);
        Assert.DoesNotContain("not in the digest", body);
        await using var db = w.Database.NewContext();
        Assert.Equal(1, await db.OutboxMails.CountAsync(m => m.DigestDay == "2026-03-03", Ct)); // only Alex had anything new
    }

    [Fact]
    public void The_security_setting_is_read_as_MailKit_understands_it_and_nonsense_is_refused()
    {
        Assert.Equal(MailKit.Security.SecureSocketOptions.None, MailKitTransport.Security("None"));
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTls, MailKitTransport.Security("starttls"));
        Assert.Equal(MailKit.Security.SecureSocketOptions.SslOnConnect, MailKitTransport.Security("SslOnConnect"));
        Assert.Equal(MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, MailKitTransport.Security("Auto"));
        Assert.Throws<InvalidOperationException>(() => MailKitTransport.Security("maybe"));
    }

    /// <summary>A real SMTP server (SmtpServer) that offers STARTTLS with a certificate made for the test, and keeps what it receives.</summary>
    private sealed class TlsSmtpServer : SmtpServer.Storage.MessageStore, IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _running;

        public TlsSmtpServer(bool secureFromTheStart)
        {
            using var key = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=smtp.northbridge.example", key,
                System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            Certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12(
                created.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx), null);
            Port = GetClosedPort();
            var options = new SmtpServer.SmtpServerOptionsBuilder().ServerName("smtp.northbridge.example")
                .Endpoint(b => b.Endpoint(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, Port)).IsSecure(secureFromTheStart).Certificate(Certificate)
                    .SupportedSslProtocols(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13))
                .Build();
            var services = new SmtpServer.ComponentModel.ServiceProvider();
            services.Add(this);
            _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        }

        public System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate { get; }
        public int Port { get; }
        public List<(bool Secure, string Message)> Received { get; } = [];

        public override Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(SmtpServer.ISessionContext context, SmtpServer.IMessageTransaction transaction,
            System.Buffers.ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            lock (Received) Received.Add((context.Pipe.IsSecure, System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(buffer))));
            return Task.FromResult(SmtpServer.Protocol.SmtpResponse.Ok);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _running; } catch (OperationCanceledException) { }
            Certificate.Dispose();
        }
    }

    [Theory]
    [InlineData("StartTls", false)]
    [InlineData("SslOnConnect", true)]
    public async Task With_TLS_on_a_message_goes_over_an_encrypted_connection_and_an_untrusted_certificate_is_retried_not_lost(string security, bool secureFromTheStart)
    {
        await using var server = new TlsSmtpServer(secureFromTheStart);
        var options = Smtp(server.Port);
        options.Security = security;
        await using var w = await WorldAsync(options);
        await w.Notifier.NotifyAsync([new NotificationRequest(w.Alex, "review-requested", "Jordan asked for your review",
            "/responses/drafts/7", "Garden waste collections restart on Monday.", "review-requested:7")], Ct);

        // The test's certificate is trusted by nobody: the send fails, is kept and waits to be tried again.
        await w.Outbox.RunAsync(Ct);
        Assert.Empty(server.Received);
        await using (var db = w.Database.NewContext())
        {
            var row = await db.OutboxMails.SingleAsync(Ct);
            Assert.Equal((1, (DateTime?)null), (row.Attempts, row.SentAt));
            Assert.Contains("certificate", row.LastError, StringComparison.OrdinalIgnoreCase);
        }

        // The operator pins the relay's certificate: the retry goes through, encrypted, once.
        options.ServerCertificateThumbprint = server.Certificate.Thumbprint;
        w.Clock.Advance(TimeSpan.FromMinutes(2));
        await w.Outbox.RunAsync(Ct);
        await w.Outbox.RunAsync(Ct);
        var (secure, message) = Assert.Single(server.Received);
        Assert.True(secure);
        Assert.Contains("Subject: Jordan asked for your review", message);
        Assert.Matches(@"(?m)^To: .*employee@example\.org", message);
    }

    private static int GetClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
