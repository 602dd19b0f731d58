using System.Net;

using Microsoft.Extensions.DependencyInjection;

namespace StaffVoice.Tests.Http;

public class ResponsesHttpTests(StaffVoiceAppFactory factory) : IClassFixture<StaffVoiceAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Export = "/responses/audit/export?from=2020-01-01&to=2030-12-31";

    [Fact]
    public async Task The_audit_export_is_refused_to_an_employee_and_given_to_a_comms_manager_as_csv_and_json()
    {
        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(Export, Ct)).StatusCode);

        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        var csv = await comms.GetAsync(Export, Ct);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var body = await csv.Content.ReadAsStringAsync(Ct);
        Assert.Contains("approved", body);
        Assert.Contains("Jordan Reyes", body);
        var json = await comms.GetAsync(Export + "&format=json", Ct);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_approvals_page_is_for_comms_managers_only()
    {
        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync("/responses/approvals", Ct)).StatusCode);
        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        var page = await comms.GetAsync("/responses/approvals", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Awaiting approval", await page.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_demo_data_holds_a_draft_in_every_state()
    {
        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        await using var db = factory.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<StaffVoice.Web.Data.StaffVoiceDb>>().CreateDbContext();
        var states = db.Drafts.Select(d => d.State).Distinct().ToList();
        Assert.Equal(Enum.GetValues<StaffVoice.Web.Features.Responses.DraftState>().Order(), states.Order());
    }
}
