using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

public class AuthenticationSettingsTests
{
    private const string ClientId = "11111111-2222-3333-4444-555555555555";

    // Later values win, as they do across configuration sources.
    private static IConfiguration Config(params (string Key, string Value)[] values) => new ConfigurationBuilder()
        .AddInMemoryCollection(values.GroupBy(v => v.Key).Select(g => KeyValuePair.Create(g.Key, (string?)g.Last().Value))).Build();

    private static (string, string)[] Entra(params (string, string)[] extra) =>
    [
        ("AzureAd:Instance", "https://login.microsoftonline.com/"), ("AzureAd:TenantId", "contoso-tenant"),
        ("AzureAd:ClientId", ClientId), ("AzureAd:ClientSecret", "s3cret"), .. extra,
    ];

    private static IHostEnvironment Env(string name) => new Environment { EnvironmentName = name };

    [Fact]
    public void In_Development_without_any_setting_the_demo_directory_is_used_but_not_chosen_explicitly()
    {
        var settings = AuthenticationSettings.FromConfiguration(Config(("AzureAd:ClientId", "")), Env(Environments.Development));
        Assert.Equal(AuthenticationMode.Local, settings.Mode);
        Assert.False(settings.ModeChosenExplicitly);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Outside_Development_an_unconfigured_app_refuses_to_start_and_says_what_to_configure(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthenticationSettings.FromConfiguration(Config(("AzureAd:ClientId", "")), Env(environment)));
        Assert.Contains("AzureAd:ClientId", error.Message);
        // The credential too, and where the steps are written down.
        Assert.Contains("AzureAd:ClientSecret (or AzureAd:ClientCertificates) as deploy/README.md describes", error.Message);
        Assert.Contains("Authentication:Mode=Local", error.Message);
    }

    [Fact]
    public void Outside_Development_the_demo_runs_only_when_chosen_explicitly()
    {
        var settings = AuthenticationSettings.FromConfiguration(Config(("Authentication:Mode", "Local")), Env(Environments.Production));
        Assert.Equal(AuthenticationMode.Local, settings.Mode);
        Assert.True(settings.ModeChosenExplicitly);
    }

    [Fact]
    public void With_complete_Entra_settings_Entra_is_used()
    {
        var settings = AuthenticationSettings.FromConfiguration(Config(Entra()), Env(Environments.Production));
        Assert.Equal(AuthenticationMode.Entra, settings.Mode);
        Assert.Equal("https://login.microsoftonline.com", settings.Entra!.AuthorityOrigin);
    }

    [Theory]
    [InlineData("AzureAd:Instance", "not a url", "AzureAd:Instance")]
    [InlineData("AzureAd:Instance", "http://login.example.net/", "AzureAd:Instance")]
    [InlineData("AzureAd:TenantId", "common", "single-tenant")]
    [InlineData("AzureAd:TenantId", "organizations", "single-tenant")]
    [InlineData("AzureAd:TenantId", "consumers", "single-tenant")]
    [InlineData("AzureAd:ClientSecret", "", "ClientSecret")]
    public void Incomplete_Entra_settings_fail_the_start_with_the_setting_named(string key, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthenticationSettings.FromConfiguration(Config(Entra((key, value))), Env(Environments.Production)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_problem_is_named_in_one_message()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthenticationSettings.FromConfiguration(
            Config(Entra(("Authentication:Mode", "Entra"), ("AzureAd:TenantId", "organizations"), ("AzureAd:ClientId", " "))), Env(Environments.Production)));
        Assert.Equal("The Entra ID settings are incomplete: AzureAd:TenantId must be your directory (tenant) id: StaffVoice is a single-tenant app. "
            + "AzureAd:ClientId is empty: use the app registration's client id.", error.Message);
    }

    [Fact]
    public void A_blank_secret_beside_a_certificate_is_no_secret_and_a_secret_is_kept_as_given()
    {
        var withSecret = AuthenticationSettings.FromConfiguration(Config(Entra()), Env(Environments.Production)).Entra!;
        Assert.Equal(("s3cret", false), (withSecret.ClientSecret, withSecret.HasClientCertificate));

        var withCertificate = AuthenticationSettings.FromConfiguration(Config(Entra(("AzureAd:ClientSecret", "  "),
            ("AzureAd:ClientCertificates:0:SourceType", "Path"))), Env(Environments.Production)).Entra!;
        Assert.Equal((null, true), (withCertificate.ClientSecret, withCertificate.HasClientCertificate));
        Assert.Equal(("contoso-tenant", ClientId), (withCertificate.TenantId, withCertificate.ClientId));
    }

    [Fact]
    public void Entra_mode_without_a_client_id_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthenticationSettings.FromConfiguration(Config(("Authentication:Mode", "Entra")), Env(Environments.Development)));
        Assert.Contains("AzureAd:ClientId", error.Message);
    }

    [Fact]
    public void A_test_authority_is_refused_in_Production_and_allowed_elsewhere()
    {
        var config = Config(Entra(("AzureAd:Instance", "http://127.0.0.1:5999/"), ("Authentication:AllowTestAuthority", "true")));
        Assert.Throws<InvalidOperationException>(() => AuthenticationSettings.FromConfiguration(config, Env(Environments.Production)));
        Assert.True(AuthenticationSettings.FromConfiguration(config, Env("Testing")).AllowTestAuthority);
    }

    [Theory]
    [InlineData("00:00:30", 30)]
    [InlineData("", 60)]
    public void The_revalidation_interval_comes_from_configuration(string value, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AuthenticationSettings.FromConfiguration(
            Config(("Authentication:Mode", "Local"), ("Authentication:RevalidateEvery", value)), Env("Testing")).RevalidateEvery);

    [Theory]
    [InlineData("soon")]
    [InlineData("-00:01:00")]
    [InlineData("02:00:00")]
    [InlineData("01:00:01")]
    public void A_bad_revalidation_interval_fails_the_start(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthenticationSettings.FromConfiguration(
            Config(("Authentication:Mode", "Local"), ("Authentication:RevalidateEvery", value)), Env("Testing")));
        Assert.Equal($"Authentication:RevalidateEvery is '{value}'; use a time span between 00:00:00 and 01:00:00.", error.Message);
    }

    [Fact]
    public void An_hour_is_the_longest_revalidation_interval() =>
        Assert.Equal(TimeSpan.FromHours(1), AuthenticationSettings.FromConfiguration(
            Config(("Authentication:Mode", "Local"), ("Authentication:RevalidateEvery", "01:00:00")), Env("Testing")).RevalidateEvery);

    [Theory]
    [InlineData("local", AuthenticationMode.Local)]
    [InlineData("ENTRA", AuthenticationMode.Entra)]
    public void The_mode_is_read_in_any_case(string value, AuthenticationMode expected) =>
        Assert.Equal(expected, AuthenticationSettings.FromConfiguration(Config(Entra(("Authentication:Mode", value))), Env("Testing")).Mode);

    [Theory]
    [InlineData("Bogus")]
    [InlineData("7")]
    public void An_unknown_mode_fails_the_start_and_names_the_two_there_are(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthenticationSettings.FromConfiguration(Config(("Authentication:Mode", value)), Env("Testing")));
        Assert.Equal($"Authentication:Mode is '{value}'; use 'Local' or 'Entra'.", error.Message);
    }

    [Fact]
    public void A_test_authority_in_Production_is_refused_with_a_reason()
    {
        var config = Config(("Authentication:Mode", "Local"), ("Authentication:AllowTestAuthority", "true"));
        var error = Assert.Throws<InvalidOperationException>(() => AuthenticationSettings.FromConfiguration(config, Env(Environments.Production)));
        Assert.Equal("Authentication:AllowTestAuthority is for tests against a local fake provider and is refused in Production.", error.Message);
    }

    [Fact]
    public void Client_certificates_are_read_from_the_AzureAd_section() =>
        Assert.Equal("AzureAd:ClientCertificates",
            AuthenticationSettings.FromConfiguration(Config(Entra()), Env(Environments.Production)).EntraCertificates!.Path);

    private sealed class Environment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "";
        public string ApplicationName { get; set; } = "StaffVoice.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
