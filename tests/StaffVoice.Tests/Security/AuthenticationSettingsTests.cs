using Microsoft.Extensions.Configuration;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Security;

public class AuthenticationSettingsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Without_an_Entra_client_id_the_demo_directory_is_used() =>
        Assert.Equal(AuthenticationMode.Local, AuthenticationSettings.FromConfiguration(Config(("AzureAd:ClientId", ""))).Mode);

    [Fact]
    public void With_an_Entra_client_id_Entra_is_used() =>
        Assert.Equal(AuthenticationMode.Entra,
            AuthenticationSettings.FromConfiguration(Config(("AzureAd:ClientId", "11111111-2222-3333-4444-555555555555"))).Mode);

    [Fact]
    public void Entra_mode_without_a_client_id_is_refused_at_start_up()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AuthenticationSettings.FromConfiguration(Config(("Authentication:Mode", "Entra"))));
        Assert.Contains("AzureAd:ClientId", error.Message);
    }
}
