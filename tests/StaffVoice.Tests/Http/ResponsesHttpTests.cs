using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StaffVoice.Web.Data;

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

    private StaffVoiceDb NewContext() => factory.Services.GetRequiredService<IDbContextFactory<StaffVoiceDb>>().CreateDbContext();

    [Fact]
    public async Task The_audit_export_takes_the_whole_last_day_names_its_file_and_refuses_a_backwards_range()
    {
        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        long latest;
        DateOnly day;
        await using (var db = NewContext())
        {
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).Select(a => new { a.Id, a.At }).FirstAsync(Ct);
            (latest, day) = (entry.Id, DateOnly.FromDateTime(entry.At));
        }
        async Task<List<long>> Ids(DateOnly from, DateOnly to)
        {
            var response = await comms.GetAsync($"/responses/audit/export?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&format=JSON", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"staffvoice-audit-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.json", response.Content.Headers.ContentDisposition!.FileName);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            return json.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        }

        Assert.Contains(latest, await Ids(day, day)); // "to" is the last day, all of it
        Assert.DoesNotContain(latest, await Ids(day.AddDays(-1), day.AddDays(-1)));
        var csv = await comms.GetAsync($"/responses/audit/export?from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}", Ct);
        Assert.Equal($"staffvoice-audit-{day:yyyy-MM-dd}-to-{day:yyyy-MM-dd}.csv", csv.Content.Headers.ContentDisposition!.FileName);

        var backwards = await comms.GetAsync($"/responses/audit/export?from={day:yyyy-MM-dd}&to={day.AddDays(-1):yyyy-MM-dd}", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("\"The end date is before the start date.\"", await backwards.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_policys_acknowledgements_download_lists_every_recipient_for_comms_managers_only()
    {
        int policy, recipients;
        await using (var db = NewContext())
        {
            policy = await db.PolicyUpdates.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync(Ct);
            recipients = await db.PolicyRecipients.CountAsync(r => r.PolicyUpdateId == policy, Ct);
        }
        var url = $"/policies/{policy}/acknowledgements.csv";
        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);
        Assert.Equal(HttpStatusCode.Forbidden, (await employee.GetAsync(url, Ct)).StatusCode);

        using var comms = await factory.CreateSignedInClientAsync(Demo.Comms);
        var response = await comms.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"policy-{policy}-acknowledgements.csv", response.Content.Headers.ContentDisposition!.FileName);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("person,department,acknowledged_utc,last_reminded_utc", lines[0].TrimEnd('\r'));
        Assert.True(recipients > 0);
        Assert.Equal(recipients, lines.Length - 1);
    }

    [Fact]
    public async Task A_drafts_image_is_served_as_stored_and_a_draft_without_one_is_not_found()
    {
        int withImage, without;
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        await using (var db = NewContext())
        {
            var ids = await db.Drafts.Where(d => d.ImageBytes == null).OrderBy(d => d.Id).Select(d => d.Id).Take(2).ToListAsync(Ct);
            (withImage, without) = (ids[0], ids[1]);
            await db.Drafts.Where(d => d.Id == withImage).ExecuteUpdateAsync(u => u.SetProperty(d => d.ImageBytes, png)
                .SetProperty(d => d.ImageContentType, "image/png").SetProperty(d => d.ImageAltText, "A dot"), Ct);
        }
        using var employee = await factory.CreateSignedInClientAsync(Demo.Employee);

        var image = await employee.GetAsync($"/responses/drafts/{withImage}/image", Ct);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, (await employee.GetAsync($"/responses/drafts/{without}/image", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await employee.GetAsync("/responses/drafts/999999/image", Ct)).StatusCode);
    }
}
