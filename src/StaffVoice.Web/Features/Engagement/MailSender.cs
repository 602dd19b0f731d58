using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using StaffVoice.Web.Data;

namespace StaffVoice.Web.Features.Engagement;

/// <summary>Hands one message to the mail system.</summary>
public interface IMailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// MailKit: SMTP with the configured security and credentials, or — with no host configured (the embedded default) —
/// the message written as an .eml file to the pickup directory, where a person or a mail server can pick it up.
/// </summary>
public sealed class MailKitTransport(IOptions<MailOptions> options, IHostEnvironment environment, TimeProvider time) : IMailTransport
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Host))
        {
            var folder = Path.IsPathRooted(o.PickupDirectory) ? o.PickupDirectory : Path.Combine(environment.ContentRootPath, o.PickupDirectory);
            Directory.CreateDirectory(folder);
            var name = $"{time.GetUtcNow().UtcDateTime:yyyyMMddTHHmmss}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}.eml";
            await message.WriteToAsync(Path.Combine(folder, name), ct);
            return;
        }
        using var client = new SmtpClient { Timeout = 30_000 };
        if (!string.IsNullOrWhiteSpace(o.ServerCertificateThumbprint))
        {
            var pinned = o.ServerCertificateThumbprint.Replace(" ", "").Replace(":", "");
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && string.Equals(certificate.GetCertHashString(), pinned, StringComparison.OrdinalIgnoreCase));
        }
        await client.ConnectAsync(o.Host, o.Port, Security(o.Security), ct);
        if (!string.IsNullOrEmpty(o.UserName)) await client.AuthenticateAsync(o.UserName, o.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    public static SecureSocketOptions Security(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "none" => SecureSocketOptions.None,
        "sslonconnect" or "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        "auto" or "starttlswhenavailable" => SecureSocketOptions.StartTlsWhenAvailable,
        "starttls" or null or "" => SecureSocketOptions.StartTls,
        _ => throw new InvalidOperationException($"Mail:Security is '{value}'; use None, StartTls, SslOnConnect or Auto."),
    };
}

/// <summary>
/// Sends what the outbox holds. Each run leases a batch of due messages (a conditional update naming this run), sends
/// each, and marks it sent only if the lease is still its own — two runs at once never send one row twice. A failed
/// send waits 1, 5, 15, 60 minutes, then 6 hours, and gives up after <see cref="MailOptions.MaxAttempts"/>; the action
/// that caused the message was committed long before and is never affected.
/// </summary>
public sealed class MailOutboxSweep(IDbContextFactory<StaffVoiceDb> dbFactory, IMailTransport transport, IOptions<MailOptions> options,
    TimeProvider time, ILogger<MailOutboxSweep> logger)
{
    private static readonly TimeSpan[] Waits = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1)];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        List<OutboxMail> leased;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var due = await db.OutboxMails.AsNoTracking()
                .Where(m => m.SentAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LeaseUntil == null || m.LeaseUntil < now))
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(o.BatchSize).Select(m => m.Id).ToListAsync(ct);
            if (due.Count == 0) return 0;
            await db.OutboxMails.Where(m => due.Contains(m.Id) && m.SentAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseToken, token).SetProperty(m => m.LeaseUntil, now + o.Lease), ct);
            leased = await db.OutboxMails.AsNoTracking().Where(m => m.LeaseToken == token).ToListAsync(ct);
        }

        var sent = 0;
        var from = MailboxAddress.Parse(o.From);
        foreach (var mail in leased)
        {
            var message = new MimeMessage { Subject = mail.Subject, MessageId = $"outbox-{mail.Id}-{mail.CreatedAt.Ticks}@staffvoice" };
            message.From.Add(from);
            message.To.Add(MailboxAddress.Parse(mail.ToAddress));
            message.Body = new BodyBuilder { TextBody = mail.TextBody, HtmlBody = mail.HtmlBody }.ToMessageBody();
            string? error = null;
            try
            {
                await transport.SendAsync(message, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = ex.Message;
                logger.LogWarning(ex, "Sending outbox message {Id} failed (attempt {Attempt})", mail.Id, mail.Attempts + 1);
            }
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var at = time.GetUtcNow().UtcDateTime;
            if (error is null)
            {
                sent += await db.OutboxMails.Where(m => m.Id == mail.Id && m.LeaseToken == token)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, at).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
            }
            else
            {
                var attempts = mail.Attempts + 1;
                var wait = attempts <= Waits.Length ? Waits[attempts - 1] : TimeSpan.FromHours(6);
                var message2 = error.Length > 1000 ? error[..1000] : error;
                await db.OutboxMails.Where(m => m.Id == mail.Id && m.LeaseToken == token)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.LastError, message2)
                        .SetProperty(m => m.NextAttemptAt, at + wait).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                        .SetProperty(m => m.FailedAt, attempts >= o.MaxAttempts ? at : null), CancellationToken.None);
            }
        }
        logger.LogInformation("Mail outbox: {Sent} of {Leased} sent", sent, leased.Count);
        return sent;
    }
}

/// <summary>
/// Once a day, after <see cref="MailOptions.DigestAt"/> in organisation time (the job runs hourly and does nothing
/// before then), one digest per person of the unread notifications of the last day in the categories they get as a
/// digest. People with nothing new get nothing; a unique (person, day) key means a second run — or two at once — adds
/// no second digest.
/// </summary>
public sealed class MailDigestSweep(IDbContextFactory<StaffVoiceDb> dbFactory, IOptions<MailOptions> options, Organisation.OrganisationCalendar calendar,
    TimeProvider time, ILogger<MailDigestSweep> logger)
{
    private const int Batch = 500;

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var local = calendar.ToLocal(now);
        if (local.TimeOfDay < o.DigestAt) return 0;
        var day = DateOnly.FromDateTime(local).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var since = now.AddDays(-1);
        var created = 0;
        var lastRecipient = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var recipients = await db.Notifications.AsNoTracking()
                .Where(n => n.ReadAt == null && n.CreatedAt >= since && n.RecipientId > lastRecipient
                    && !db.OutboxMails.Any(m => m.RecipientId == n.RecipientId && m.DigestDay == day))
                .Select(n => n.RecipientId).Distinct().OrderBy(id => id).Take(Batch).ToListAsync(ct);
            if (recipients.Count == 0) break;
            lastRecipient = recipients[^1];
            var people = await db.People.AsNoTracking().Where(p => recipients.Contains(p.Id) && p.IsActive && p.Email != "")
                .Select(p => new { p.Id, p.Email }).ToDictionaryAsync(p => p.Id, p => p.Email, ct);
            var preferences = (await db.NotificationPreferences.AsNoTracking().Where(p => recipients.Contains(p.PersonId)).ToListAsync(ct))
                .ToLookup(p => p.PersonId);
            var notes = (await db.Notifications.AsNoTracking().Where(n => recipients.Contains(n.RecipientId) && n.ReadAt == null && n.CreatedAt >= since)
                    .OrderBy(n => n.CreatedAt).Select(n => new { n.RecipientId, n.Kind, n.Title, n.Text, n.Link }).ToListAsync(ct))
                .ToLookup(n => n.RecipientId);
            foreach (var person in recipients)
            {
                if (!people.TryGetValue(person, out var email)) continue;
                var items = notes[person].Where(n =>
                {
                    var category = NotificationCategories.For(n.Kind);
                    return (preferences[person].FirstOrDefault(p => p.Category == category.Key)?.Delivery ?? category.Default) == Delivery.DailyDigest;
                }).Take(50).Select(n => (n.Title, n.Text, n.Link)).ToList();
                if (items.Count == 0) continue;
                db.OutboxMails.Add(MailOutbox.Compose(person, email, $"Your StaffVoice digest: {items.Count} new", items, null, o, now, day));
                try
                {
                    await db.SaveChangesAsync(ct);
                    created++;
                }
                catch (DbUpdateException)
                {
                    // Another run wrote this person's digest for the day first.
                    db.ChangeTracker.Clear();
                }
            }
            if (recipients.Count < Batch) break;
        }
        logger.LogInformation("Mail digest for {Day}: {Created} digests", day, created);
        return created;
    }
}
