using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>
/// Writes e-mails into the outbox: one at once for each new notification whose category the recipient gets by e-mail
/// (in the same transaction as the notification), and one digest per person and day. Plain text and HTML, with a link
/// to the item and one to stop this kind of e-mail.
/// </summary>
public static class MailOutbox
{
    public const string PreferencesPath = "/notifications/preferences";

    /// <summary>Queues the e-mails that these new notifications call for. One query for preferences and addresses.</summary>
    public static async Task QueueAtOnceAsync(StaffVoiceDb db, IReadOnlyList<Notification> created, MailOptions options, DateTime now, CancellationToken ct)
    {
        if (created.Count == 0) return;
        var recipients = created.Select(n => n.RecipientId).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => recipients.Contains(p.Id) && p.IsActive)
            .Select(p => new { p.Id, p.Email, Preferences = db.NotificationPreferences.Where(x => x.PersonId == p.Id).ToList() })
            .ToDictionaryAsync(p => p.Id, ct);
        var mails = new List<OutboxMail>();
        foreach (var n in created)
        {
            if (!people.TryGetValue(n.RecipientId, out var person) || string.IsNullOrWhiteSpace(person.Email)) continue;
            var category = NotificationCategories.For(n.Kind);
            var delivery = person.Preferences.FirstOrDefault(p => p.Category == category.Key)?.Delivery ?? category.Default;
            if (delivery != Delivery.EmailAtOnce) continue;
            mails.Add(Compose(n.RecipientId, person.Email, n.Title, [(n.Title, n.Text, n.Link)], category, options, now, digestDay: null));
        }
        if (mails.Count == 0) return;
        // Multi-row statements: an escalation telling thousands of learners queues their e-mails in a few commands.
        await MultiRowInsert.ExecuteAsync(db, "OutboxMails", ["RecipientId", "ToAddress", "Subject", "TextBody", "HtmlBody", "CreatedAt", "NextAttemptAt", "Attempts"],
            mails.Select(m => new object?[] { m.RecipientId, m.ToAddress, m.Subject, m.TextBody, m.HtmlBody, m.CreatedAt, m.NextAttemptAt, m.Attempts }), ct);
    }

    /// <summary>One message: subject, a plain-text and an HTML body, each item with its link, and the unsubscribe line.</summary>
    public static OutboxMail Compose(int recipientId, string to, string subject, IReadOnlyList<(string Title, string? Text, string Link)> items,
        NotificationCategory? category, MailOptions options, DateTime now, string? digestDay)
    {
        var baseUrl = options.PublicUrl.TrimEnd('/');
        string Url(string link) => link.StartsWith('/') ? baseUrl + link : link;
        var stop = baseUrl + PreferencesPath + (category is null ? "" : $"#{category.Key}");
        var stopWords = category is null ? "Choose what comes by e-mail, or stop the digest" : $"Stop e-mails about {category.Name.ToLowerInvariant()}";

        var text = new StringBuilder();
        var html = new StringBuilder("<!doctype html><html lang=\"en-GB\"><body style=\"font-family:sans-serif\">");
        foreach (var (title, body, link) in items)
        {
            text.AppendLine(title);
            if (!string.IsNullOrWhiteSpace(body)) text.AppendLine(body);
            text.AppendLine(Url(link)).AppendLine();
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(Url(link))).Append("\">").Append(WebUtility.HtmlEncode(title)).Append("</a>");
            if (!string.IsNullOrWhiteSpace(body)) html.Append("<br>").Append(WebUtility.HtmlEncode(body));
            html.Append("</p>");
        }
        text.AppendLine("--").AppendLine($"{stopWords}: {stop}");
        html.Append("<hr><p style=\"font-size:small\"><a href=\"").Append(WebUtility.HtmlEncode(stop)).Append("\">")
            .Append(WebUtility.HtmlEncode(stopWords)).Append("</a></p></body></html>");
        return new OutboxMail
        {
            RecipientId = recipientId, ToAddress = to, Subject = subject.Length > 300 ? subject[..300] : subject, TextBody = text.ToString(),
            HtmlBody = html.ToString(), CreatedAt = now, NextAttemptAt = now, DigestDay = digestDay,
        };
    }
}
