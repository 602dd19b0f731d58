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

    /// <summary>
    /// About <paramref name="length"/> words of <paramref name="body"/> around the first word that matches the query,
    /// each matching word between <see cref="MarkStart"/> and <see cref="MarkEnd"/>, with "…" where text was cut. A word
    /// matches when it starts with the query word's root (its first letters: the index stems "collections" to
    /// "collect"), or with <paramref name="prefix"/> (the word being typed).
    /// </summary>
    public static string Snippet(string body, IReadOnlyList<string> words, string? prefix = null, int length = 24)
    {
        var tokens = WordPattern().Matches(body);
        if (tokens.Count == 0) return "";
        var roots = words.Select(w => Fold(w.Length <= 4 ? w : w[..Math.Max(4, w.Length - 3)])).ToList();
        if (prefix is not null) roots.Add(Fold(prefix));
        bool Matches(string token)
        {
            var folded = Fold(token);
            return roots.Any(r => folded.StartsWith(r, StringComparison.Ordinal));
        }
        var first = 0;
        while (first < tokens.Count && !Matches(tokens[first].Value)) first++;
        if (first == tokens.Count) first = 0;
        var start = Math.Max(0, Math.Min(first - length / 4, tokens.Count - length));
        var end = Math.Min(tokens.Count, start + length) - 1;
        var text = new StringBuilder();
        if (start > 0) text.Append('…');
        var at = tokens[start].Index;
        for (var i = start; i <= end; i++)
        {
            var token = tokens[i];
            text.Append(body, at, token.Index - at);
            if (Matches(token.Value)) text.Append(MarkStart).Append(token.Value).Append(MarkEnd);
            else text.Append(token.Value);
            at = token.Index + token.Length;
        }
        if (end < tokens.Count - 1) text.Append('…');
        else text.Append(body, at, body.Length - at);
        return text.ToString().Replace('\n', ' ').Trim();
    }

    /// <summary>Lower case without accents, as the index's tokenizer sees a word.</summary>
    private static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark) folded.Append(c);
        }
        return folded.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();
}

internal sealed record SearchRow(long Id, int Kind, int ItemId, int ParentId, int ServiceAreaId, string Title, string Body);

/// <summary>
/// SQLite FTS5. Ranking (bm25) costs a read of every match, so it is bounded: the newest
/// <see cref="DefaultCandidates"/> matches in titles are ranked first (a title holding the words is the best sign of
/// the right page; when they fill the page nothing else is ranked), then the newest as many matches anywhere. With
/// fewer matches than that, every match is ranked. Kind and service area are words in an indexed Facets column
/// ("k1 a17"), so filters narrow the match itself.
/// Snippets are cut in code from the page's 20 bodies (FTS5's snippet() would need the MATCH per row).
/// </summary>
public sealed class SqliteKnowledgeSearch(IDbContextFactory<StaffVoiceDb> dbFactory, int candidates = SqliteKnowledgeSearch.DefaultCandidates)
    : IKnowledgeSearch
{
    public const int DefaultCandidates = 1000;

    // bm25 weights per column (Kind, ItemId, ParentId, ServiceAreaId, Title, Body, Tags, Facets): a word in the title
    // counts ten times one in the body, a tag four times; the unindexed columns and the facets not at all.
    private const string Bm25 = "bm25(SearchIndex, 0, 0, 0, 0, 10.0, 1.0, 4.0, 0)";

    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(query.Text);
        if (words.Count == 0) return new SearchResults([], 0);
        // Every word must match; the last one also as a prefix, so results come while typing.
        var match = "(" + string.Join(" ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\"")) + ")";
        var also = "";
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tagWords = SearchTerms.Words(query.Tag.Replace('-', ' '));
            if (tagWords.Count > 0) also = $" AND Tags : \"{string.Join(" ", tagWords)}\"";
        }
        return await RunAsync(match, also, titlesOnly: false, words, query, ct);
    }

    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(string title, int take = 5, SearchKind? kind = null, CancellationToken ct = default)
    {
        var words = SearchTerms.Words(title).Where(w => w.Length > 2).ToList();
        if (words.Count == 0) return [];
        var match = "(" + string.Join(" OR ", words.Select(w => $"\"{w}\"")) + ")";
        if (kind is { } only) return (await RunAsync(match, "", titlesOnly: true, words, new SearchQuery(title, only, PageSize: take), ct)).Hits;
        var articles = await RunAsync(match, "", titlesOnly: true, words, new SearchQuery(title, SearchKind.Article, PageSize: take), ct);
        var questions = await RunAsync(match, "", titlesOnly: true, words, new SearchQuery(title, SearchKind.Question, PageSize: take), ct);
        return articles.Hits.Concat(questions.Hits).OrderBy(h => h.Rank).Take(take).ToList();
    }

    /// <summary>The filter as facet words: a kind and an area narrow the match; with no kind, ideas are left out.</summary>
    internal static string Facets(SearchQuery query)
    {
        var facets = new List<string>();
        if (query.Kind is { } kind) facets.Add($"k{(int)kind}");
        if (query.ServiceAreaId is { } area) facets.Add($"a{area}");
        var narrowed = facets.Count == 0 ? "" : $" AND Facets : ({string.Join(" AND ", facets)})";
        return query.Kind is null ? narrowed + $" NOT Facets : k{(int)SearchKind.Idea}" : narrowed;
    }

    private async Task<SearchResults> RunAsync(string match, string also, bool titlesOnly, IReadOnlyList<string> words, SearchQuery query,
        CancellationToken ct)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, 50);
        var facets = Facets(query);
        var inTitles = $"Title : {match}{also}{facets}";
        var anywhere = titlesOnly ? inTitles : $"{match}{also}{facets}";
        object[] parameters = [inTitles, anywhere, pageSize, Math.Max(query.Page, 0) * pageSize];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var titleTier = $"t AS (SELECT rowid AS Id, {Bm25} AS Rank, 0 AS Tier FROM SearchIndex WHERE SearchIndex MATCH {{0}} ORDER BY rowid DESC LIMIT {candidates})";
        // Titles first, alone: when the title matches fill the page, matches elsewhere need no ranking at all.
        var ranked = await db.Database.SqlQueryRaw<RankedRow>(
            $"WITH {titleTier} SELECT Id, Rank, (SELECT COUNT(*) FROM t) AS Matches FROM t ORDER BY Rank, Id DESC LIMIT {{2}} OFFSET {{3}}", parameters)
            .ToListAsync(ct);
        var counted = titlesOnly; // Matches counts every match asked for (bounded by the candidates)
        if (ranked.Count < pageSize && !titlesOnly)
        {
            ranked = await db.Database.SqlQueryRaw<RankedRow>(
                $"WITH {titleTier}, " +
                $"b AS (SELECT rowid AS Id, {Bm25} AS Rank, 1 AS Tier FROM SearchIndex WHERE SearchIndex MATCH {{1}} ORDER BY rowid DESC LIMIT {candidates}) " +
                "SELECT Id, Rank + Tier * 1000000.0 AS Rank, (SELECT COUNT(*) FROM b) AS Matches " +
                "FROM (SELECT Id, Rank, Tier FROM t UNION ALL SELECT Id, Rank, Tier FROM b WHERE Id NOT IN (SELECT Id FROM t)) " +
                "ORDER BY Tier, Rank, Id DESC LIMIT {2} OFFSET {3}", parameters).ToListAsync(ct);
            counted = true;
        }
        var rows = ranked.Count == 0 ? [] : (await db.Database.SqlQueryRaw<SearchRow>(
            "SELECT rowid AS Id, CAST(Kind AS INTEGER) AS Kind, CAST(ItemId AS INTEGER) AS ItemId, CAST(ParentId AS INTEGER) AS ParentId, " +
            "CAST(ServiceAreaId AS INTEGER) AS ServiceAreaId, Title, Body FROM SearchIndex " +
            $"WHERE rowid IN ({string.Join(", ", ranked.Select(r => r.Id))})").ToListAsync(ct)).ToDictionary(r => r.Id);
        // Counting every match of a common word costs as much as ranking them all; a page needs only "over a thousand".
        // When every match was just read for ranking (newest first, up to the candidates) that read is the count: fewer
        // than the candidates are all of them, else there are at least as many (the count limit at most).
        var total = counted && ranked.Count > 0 && candidates >= SearchResults.CountLimit
            ? (int)Math.Min(ranked[0].Matches, SearchResults.CountLimit)
            : await db.Database.SqlQueryRaw<int>(
                $"SELECT COUNT(*) AS Value FROM (SELECT 1 FROM SearchIndex WHERE SearchIndex MATCH {{1}} LIMIT {SearchResults.CountLimit})", parameters)
                .SingleAsync(ct);
        var prefix = titlesOnly ? null : words[^1];
        return new SearchResults(ranked.Where(r => rows.ContainsKey(r.Id)).Select(r => (Row: rows[r.Id], r.Rank))
            .Select(x => new SearchHit((SearchKind)x.Row.Kind, x.Row.ItemId, x.Row.ParentId == 0 ? null : x.Row.ParentId,
                x.Row.ServiceAreaId, x.Row.Title, SearchTerms.HighlightedHtml(SearchTerms.Snippet(x.Row.Body, words, prefix)), x.Rank))
            .ToList(), total);
    }
}

internal sealed record RankedRow(long Id, double Rank, long Matches);

internal sealed record RankedSearchRow(long Id, int Kind, int ItemId, int ParentId, int ServiceAreaId, string Title, string Body, double Rank);

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
        var rows = await db.Database.SqlQueryRaw<RankedSearchRow>(
            "SELECT CAST(s.Id AS bigint) AS Id, s.Kind, s.ItemId, s.ParentId, s.ServiceAreaId, s.Title, LEFT(s.Body, 4000) AS Body, " +
            $"CAST(-(k.[RANK] + 10 * ISNULL(t.[RANK], 0)) AS float) AS Rank {from}{filters} ORDER BY Rank " +
            "OFFSET {4} ROWS FETCH NEXT {3} ROWS ONLY", parameters).ToListAsync(ct);
        var total = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS Value {from}{filters}", parameters).SingleAsync(ct);
        return new SearchResults(rows.Select(r => new SearchHit((SearchKind)r.Kind, r.ItemId, r.ParentId == 0 ? null : r.ParentId,
            r.ServiceAreaId, r.Title, SearchTerms.HighlightedHtml(SearchTerms.Snippet(r.Body, words, words[^1])), r.Rank)).ToList(), total);
    }
}
