using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using StaffVoice.Web.Features.Engagement;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Tests.Features.Knowledge;

/// <summary>The knowledge services wired to one test database, as the app wires them.</summary>
public sealed class KnowledgeServices
{
    public KnowledgeServices(TestDatabase database, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Notifications = new NotificationService(database.Factory, Time, new NotificationEvents());
        var operations = TestHost.Operations(database, Time);
        Articles = new ArticleService(database.Factory, operations, new SafeMarkdown(), Time, Notifications);
        Questions = new QuestionService(database.Factory, operations, new SafeMarkdown(), Notifications, Articles);
        Expertise = new ExpertiseDirectory(database.Factory, operations, Time);
        Search = new SqliteKnowledgeSearch(database.Factory);
        Sweep = new StaleContentSweep(operations, Notifications, Time, NullLogger<StaleContentSweep>.Instance);
        Database = database;
    }

    public TimeProvider Time { get; }
    public TestDatabase Database { get; }
    public NotificationService Notifications { get; }
    public ArticleService Articles { get; }
    public QuestionService Questions { get; }
    public ExpertiseDirectory Expertise { get; }
    public SqliteKnowledgeSearch Search { get; }
    public StaleContentSweep Sweep { get; }

    public Task<int> AreaAsync(string name) => Database.AreaAsync(name);

    public async Task<int> CreateArticleAsync(Actor author, string title, string body, string area = "Bin collections", params string[] tags) =>
        await Articles.CreateAsync(author, new ArticleInput(title, body, await AreaAsync(area), tags), publish: true);
}
