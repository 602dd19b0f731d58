using System.Net;

namespace StaffVoice.Tests.Http;

/// <summary>Requests a person or a link can produce answer with a page or a 4xx, never a server error.</summary>
public class BadInputTests(StaffVoiceAppFactory factory) : IClassFixture<StaffVoiceAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_anonymous_visitor_gets_the_not_found_page()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.GetAsync("/not-found", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_return_url_with_non_ascii_characters_is_encoded_not_a_server_error()
    {
        using var client = factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/signin", await SignInClient.SignInFormAsync(client, Demo.Employee, "/é?q=ü"), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/%C3%A9?q=%C3%BC", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_audit_export_over_the_whole_calendar_answers_with_a_file()
    {
        using var client = await factory.CreateSignedInClientAsync(Demo.Comms);
        var response = await client.GetAsync("/responses/audit/export?from=0001-01-01&to=9999-12-31", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("id,at_utc,actor", (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF'));
    }

    [Theory]
    [InlineData("/search?q=bin&page=99999999999")]
    [InlineData("/search?q=bin&page=-4&area=abc")]
    public async Task Search_with_an_absurd_page_number_shows_results_instead_of_failing(string path)
    {
        using var client = await factory.CreateSignedInClientAsync(Demo.Employee);
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(Ct));
    }
}
