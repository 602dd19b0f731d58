using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

// SQL text here is assembled only from constant fragments (columns, filters chosen by code); every value from a
// person is passed as a parameter.
#pragma warning disable EF1002, EF1003

namespace StaffVoice.Web.Features.Knowledge;

public sealed record SearchQuery(string Text, SearchKind? Kind = null, int? ServiceAreaId = null, string? Tag = null, int Page = 0, int PageSize = 20);

/// <summary>One hit. <see cref="SnippetHtml"/> is built here from encoded text plus &lt;mark&gt; tags only.</summary>
public sealed record SearchHit(SearchKind Kind, int ItemId, int? ParentId, int ServiceAreaId, string Title, string SnippetHtml, double Rank)
{
    public string Link => Kind switch
    {
        SearchKind.Article => $"/knowledge/articles/{ItemId}",
        SearchKind.Question => $"/knowledge/questions/{ItemId}",
        SearchKind.Idea => $"/ideas/{ItemId}",
        _ => $"/knowledge/questions/{ParentId}#answer-{ItemId}",
    };
}

/// <summary>A page of hits. Counting stops at <see cref="CountLimit"/>: past that, <see cref="TotalCount"/> is a lower bound.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int TotalCount)
{
    public const int CountLimit = 1000;

    public bool TotalIsLowerBound => TotalCount >= CountLimit;
}

/// <summary>Full-text search over published articles, questions and answers, ranked by relevance (title matches first).</summary>
public interface IKnowledgeSearch
{
    Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default);

    /// <summary>
    /// Articles and questions (or, with <paramref name="kind"/> <see cref="SearchKind.Idea"/>, ideas) that share words
    /// with a title being typed: any word may match.
    /// </summary>
    Task<IReadOnlyList<SearchHit>> SimilarAsync(string title, int take = 5, SearchKind? kind = null, CancellationToken ct = default);
}

/// <summary>Words of a query, safe to put into a full-text expression (no operators from the user get through).</summary>
internal static partial class SearchTerms
{
    public const char MarkStart = '\u0002';
    public const char MarkEnd = '\u0003';

    public static IReadOnlyList<string> Words(string? text) =>
        WordPattern().Matches(text ?? "").Select(m => m.Value.ToLowerInvariant()).Distinct().Take(12).ToList();

    /// <summary>Encodes the text, then turns the index's markers into &lt;mark&gt; tags.</summary>
    public static string HighlightedHtml(string snippet) =>
        WebUtility.HtmlEncode(snippet).Replace(MarkStart.ToString(), "<mark>").Replace(MarkEnd.ToString(), "</mark>");

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}

internal sealed record SearchRow(int Kind, int ItemId, int ParentId, int ServiceAreaId, string Title, string Snippet, double Rank);

public sealed class SqliteKnowledgeSearch(IDbContextFactory<StaffVoiceDb> dbFactory) : IKnowledgeSearch
{
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(query.Text);
        if (words.Count == 0) return new SearchResults([], 0);
        // Every word must match; the last one also as a prefix, so results come while typing.
        var match = string.Join(" ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tagWords = SearchTerms.Words(query.Tag.Replace('-', ' '));
            if (tagWords.Count > 0) match = $"({match}) AND Tags : \"{string.Join(" ", tagWords)}\"";
        }
        return await RunAsync(match, query, ct);
    }

    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(string title, int take = 5, SearchKind? kind = null, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(title).Where(w => w.Length > 2).ToList();
        if (words.Count == 0) return [];
        var match = "Title : (" + string.Join(" OR ", words.Select(w => $"\"{w}\"")) + ")";
        if (kind is { } only) return (await RunAsync(match, new SearchQuery(title, only, PageSize: take), ct)).Hits;
        var articles = await RunAsync(match, new SearchQuery(title, SearchKind.Article, PageSize: take), ct);
        var questions = await RunAsync(match, new SearchQuery(title, SearchKind.Question, PageSize: take), ct);
        return articles.Hits.Concat(questions.Hits).OrderBy(h => h.Rank).Take(take).ToList();
    }

    private async Task<SearchResults> RunAsync(string match, SearchQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 50);
        var where = "SearchIndex MATCH {0}"
            + (query.Kind is null ? $" AND Kind < {(int)SearchKind.Idea}" : " AND Kind = {1}")
            + (query.ServiceAreaId is null ? "" : " AND ServiceAreaId = {2}");
        object[] parameters = [match, (int)(query.Kind ?? 0), query.ServiceAreaId ?? 0, pageSize, Math.Max(query.Page, 0) * pageSize];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // bm25 weights: a word in the title counts ten times one in the body, a tag four times.
        var rows = await db.Database.SqlQueryRaw<SearchRow>(
            "SELECT CAST(Kind AS INTEGER) AS Kind, CAST(ItemId AS INTEGER) AS ItemId, CAST(ParentId AS INTEGER) AS ParentId, " +
            "CAST(ServiceAreaId AS INTEGER) AS ServiceAreaId, Title, " +
            "snippet(SearchIndex, 5, char(2), char(3), '…', 24) AS Snippet, bm25(SearchIndex, 0, 0, 0, 0, 10.0, 1.0, 4.0) AS Rank " +
            $"FROM SearchIndex WHERE {where} ORDER BY Rank LIMIT {{3}} OFFSET {{4}}", parameters).ToListAsync(ct);
        // Counting every match of a common word costs as much as ranking them all; a page needs only "over a thousand".
        var total = await db.Database.SqlQueryRaw<int>(
            $"SELECT COUNT(*) AS Value FROM (SELECT 1 FROM SearchIndex WHERE {where} LIMIT {SearchResults.CountLimit})", parameters)
            .SingleAsync(ct);
        return new SearchResults(rows.Select(r => new SearchHit((SearchKind)r.Kind, r.ItemId, r.ParentId == 0 ? null : r.ParentId,
            r.ServiceAreaId, r.Title, SearchTerms.HighlightedHtml(r.Snippet), r.Rank)).ToList(), total);
    }
}

/// <summary>
/// SQL Server full-text search (CONTAINSTABLE). The full-text index is populated asynchronously by SQL Server, so a
/// change shows in results a moment after it is saved. Not exercised by CI (no SQL Server there); run the data tests
/// with STAFFVOICE_TEST_SQLSERVER to cover it.
/// </summary>
public sealed class SqlServerKnowledgeSearch(IDbContextFactory<StaffVoiceDb> dbFactory) : IKnowledgeSearch
{
    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(query.Text);
        if (words.Count == 0) return Task.FromResult(new SearchResults([], 0));
        var condition = string.Join(" AND ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}*\"" : $"\"{w}\""));
        return RunAsync(condition, words, query, ct);
    }

    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(string title, int take = 5, SearchKind? kind = null, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(title).Where(w => w.Length > 2).ToList();
        if (words.Count == 0) return [];
        var condition = string.Join(" OR ", words.Select(w => $"\"{w}\""));
        var results = await RunAsync(condition, words, new SearchQuery(title, kind, PageSize: take * 2), ct);
        return results.Hits.Where(h => kind is null ? h.Kind != SearchKind.Answer : h.Kind == kind).Take(take).ToList();
    }

    private async Task<SearchResults> RunAsync(string condition, IReadOnlyList<string> words, SearchQuery query, CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 50);
        var tagCondition = string.IsNullOrWhiteSpace(query.Tag) ? "\"\"" : $"\"{string.Join(" ", SearchTerms.Words(query.Tag.Replace('-', ' ')))}\"";
        var filters = (query.Kind is null ? $" AND s.Kind < {(int)SearchKind.Idea}" : " AND s.Kind = {1}")
            + (query.ServiceAreaId is null ? "" : " AND s.ServiceAreaId = {2}")
            + (string.IsNullOrWhiteSpace(query.Tag) ? "" : " AND CONTAINS(s.Tags, {5})");
        object[] parameters = [condition, (int)(query.Kind ?? 0), query.ServiceAreaId ?? 0, pageSize, Math.Max(query.Page, 0) * pageSize, tagCondition];
        const string from = "FROM CONTAINSTABLE(SearchIndex, (Title, Body, Tags), {0}) k JOIN SearchIndex s ON s.Id = k.[KEY] " +
            "LEFT JOIN CONTAINSTABLE(SearchIndex, Title, {0}) t ON t.[KEY] = k.[KEY] WHERE 1 = 1";

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Database.SqlQueryRaw<SearchRow>(
            "SELECT s.Kind, s.ItemId, s.ParentId, s.ServiceAreaId, s.Title, LEFT(s.Body, 4000) AS Snippet, " +
            $"CAST(-(k.[RANK] + 10 * ISNULL(t.[RANK], 0)) AS float) AS Rank {from}{filters} ORDER BY Rank " +
            "OFFSET {4} ROWS FETCH NEXT {3} ROWS ONLY", parameters).ToListAsync(ct);
        var total = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS Value {from}{filters}", parameters).SingleAsync(ct);
        return new SearchResults(rows.Select(r => new SearchHit((SearchKind)r.Kind, r.ItemId, r.ParentId == 0 ? null : r.ParentId,
            r.ServiceAreaId, r.Title, SearchTerms.HighlightedHtml(Excerpt(r.Snippet, words)), r.Rank)).ToList(), total);
    }

    /// <summary>About 24 words around the first query word, with the query words marked.</summary>
    private static string Excerpt(string body, IReadOnlyList<string> words)
    {
        var tokens = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var first = Array.FindIndex(tokens, t => words.Any(w => t.StartsWith(w, StringComparison.OrdinalIgnoreCase)));
        var start = Math.Max(0, first - 8);
        var builder = new StringBuilder(start > 0 ? "…" : "");
        foreach (var token in tokens.Skip(start).Take(24))
        {
            var hit = words.Any(w => token.StartsWith(w, StringComparison.OrdinalIgnoreCase));
            builder.Append(hit ? $"{SearchTerms.MarkStart}{token}{SearchTerms.MarkEnd} " : token + " ");
        }
        if (start + 24 < tokens.Length) builder.Append('…');
        return builder.ToString().Trim();
    }
}
