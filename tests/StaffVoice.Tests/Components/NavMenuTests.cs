using Bunit;
using StaffVoice.Web.Components.Layout;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Components;

public class NavMenuTests : ComponentTestContext
{
    private IReadOnlyList<string> RenderedLinks()
    {
        var cut = Render<NavMenu>();
        return cut.FindAll("a").Select(a => a.GetAttribute("href")!).ToList();
    }

    [Fact]
    public void An_employee_sees_the_shared_sections_and_no_restricted_ones()
    {
        SignInAs("Alex Morgan", Roles.Employee);
        var links = RenderedLinks();
        Assert.Contains("/", links);
        Assert.Contains("/people", links);
        Assert.DoesNotContain("/jobs", links);
    }

    [Theory]
    [InlineData(Roles.CommsManager, "/responses/approvals")]
    [InlineData(Roles.Trainer, "/training/admin")]
    [InlineData(Roles.Administrator, "/jobs")]
    public void Approvals_training_admin_and_jobs_show_only_for_their_role(string role, string href)
    {
        SignInAs("Someone", Roles.Employee, role);
        Assert.Contains(href, RenderedLinks());
        foreach (var other in Roles.All.Where(r => r != role))
        {
            SignInAs("Someone", Roles.Employee, other);
            Assert.DoesNotContain(href, RenderedLinks());
        }
    }

    [Fact]
    public void An_administrator_sees_the_jobs_dashboard()
    {
        SignInAs("Casey Ng", Roles.Employee, Roles.Administrator);
        Assert.Contains("/jobs", RenderedLinks());
    }

    [Theory]
    [InlineData(Roles.Employee)]
    [InlineData(Roles.CommsManager)]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Administrator)]
    public void Every_restricted_entry_shows_exactly_for_its_role(string role)
    {
        SignInAs("Someone", Roles.Employee, role);
        var links = RenderedLinks();
        foreach (var entry in Navigation.Entries)
        {
            var shouldShow = entry.ForRoles is null || entry.ForRoles.Contains(role);
            Assert.True(shouldShow == links.Contains(entry.Href),
                $"{entry.Title} ({entry.Href}) should {(shouldShow ? "" : "not ")}show for {role}");
        }
    }

    [Fact]
    public void Links_outside_blazor_load_a_full_page()
    {
        SignInAs("Casey Ng", Roles.Administrator);
        var cut = Render<NavMenu>();
        Assert.Equal("_top", cut.Find("a[href='/jobs']").GetAttribute("target"));
    }
}
