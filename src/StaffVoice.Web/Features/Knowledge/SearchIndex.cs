using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

// SQL text here is assembled only from constant fragments (columns, filters chosen by code); every value from a
// person is passed as a parameter.
#pragma warning disable EF1002, EF1003

namespace StaffVoice.Web.Features.Knowledge;

public enum SearchKind
{
    Article = 1,
    Question = 2,
    Answer = 3,

    /// <summary>An improvement idea (listening loop): found only by the similar-ideas suggestion, not by knowledge search.</summary>
    Idea = 4,
}

/// <summary>What the search index holds for one article, question or answer (plain text, no markup).</summary>
public sealed record SearchDocument(SearchKind Kind, int ItemId, int? ParentId, int ServiceAreaId, string Title, string Body, string Tags);

/// <summary>The one place that says what of each kind of content is indexed.</summary>
public static class SearchDocuments
{
    public static SearchDocument For(Article article) => new(SearchKind.Article, article.Id, null, article.ServiceAreaId, article.Title,
        Security.SafeMarkdown.ToPlainText(article.BodyMarkdown), string.Join(" ", article.Tags.Select(t => t.Name)));

    public static SearchDocument For(Question question) => new(SearchKind.Question, question.Id, null, question.ServiceAreaId, question.Title,
        Security.SafeMarkdown.ToPlainText(question.BodyMarkdown), string.Join(" ", question.Tags.Select(t => t.Name)));

    public static SearchDocument For(Listening.Idea idea) => new(SearchKind.Idea, idea.Id, null, idea.ServiceAreaId, idea.Title,
        idea.Problem + " " + idea.Proposal, "");

    /// <summary>An answer is found under its question's title ("Answer to: …"), not as a bare "Answer".</summary>
    public static SearchDocument For(Answer answer, int serviceAreaId, string questionTitle) => new(SearchKind.Answer, answer.Id, answer.QuestionId,
        serviceAreaId, $"Answer to: {questionTitle}", Security.SafeMarkdown.ToPlainText(answer.BodyMarkdown), "");
}

/// <summary>
/// Keeps the search index in step with the content. Called by the knowledge services inside the same transaction as
/// the write, so the index never shows what was not saved. The table is an FTS5 virtual table on SQLite and a
/// full-text-indexed table on SQL Server (both created by the migrations); its key is derived from kind and id, so an
/// update or delete touches one row by key.
/// </summary>
public static class SearchIndex
{
    /// <summary>Unique per kind and id: kinds 1–3 leave remainders 1–3; ideas (4) land on multiples of four, which no other kind uses.</summary>
    public static long KeyOf(SearchKind kind, int itemId) => (long)itemId * 4 + (int)kind;

    public static async Task UpsertAsync(StaffVoiceDb db, SearchDocument doc, CancellationToken ct)
    {
        await RemoveAsync(db, doc.Kind, doc.ItemId, ct);
        var key = KeyOf(doc.Kind, doc.ItemId);
        // On SQLite the Facets column holds kind and area as words, so search filters narrow the full-text match
        // (KnowledgeSearch.cs); SQL Server filters its ordinary columns.
        var sqlite = db is SqliteStaffVoiceDb;
        object?[] values = [key, (int)doc.Kind, doc.ItemId, doc.ParentId ?? 0, doc.ServiceAreaId, doc.Title, doc.Body, doc.Tags];
        if (sqlite) values = [.. values, FacetsOf(doc.Kind, doc.ServiceAreaId)];
        await db.Database.ExecuteSqlRawAsync(
            $"INSERT INTO SearchIndex ({KeyColumn(db)}, Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags{(sqlite ? ", Facets" : "")}) " +
            $"VALUES ({string.Join(", ", Enumerable.Range(0, values.Length).Select(i => $"{{{i}}}"))})", values!, ct);
    }

    /// <summary>The facet words of a document: "k1 a17" for an article (kind 1) in service area 17.</summary>
    public static string FacetsOf(SearchKind kind, int serviceAreaId) => $"k{(int)kind} a{serviceAreaId}";

    public static Task RemoveAsync(StaffVoiceDb db, SearchKind kind, int itemId, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync($"DELETE FROM SearchIndex WHERE {KeyColumn(db)} = {{0}}", [KeyOf(kind, itemId)], ct);

    private static string KeyColumn(StaffVoiceDb db) => db is SqliteStaffVoiceDb ? "rowid" : "Id";
}
