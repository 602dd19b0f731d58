using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Responses;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.AuthorHandle).HasMaxLength(100);
        builder.Property(c => c.Link).HasMaxLength(500);
        builder.Property(c => c.Text).HasMaxLength(ResponseRules.ConversationTextMax);
        builder.Property(c => c.ImportKey).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.ImportKey).IsUnique();
        builder.Property(c => c.Sentiment).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.ClosedReason).HasMaxLength(ResponseRules.ReasonMax);
        builder.HasIndex(c => new { c.Status, c.ReceivedAt });
        builder.HasIndex(c => new { c.Status, c.DueAt });
        builder.HasIndex(c => new { c.AssigneeId, c.Status });
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(c => c.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.LoggedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Tags).WithOne().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConversationTagConfiguration : IEntityTypeConfiguration<ConversationTag>
{
    public void Configure(EntityTypeBuilder<ConversationTag> builder)
    {
        builder.HasKey(t => new { t.ConversationId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(ResponseRules.TagMax);
        builder.HasIndex(t => t.Name);
    }
}

internal sealed class InboxTagConfiguration : IEntityTypeConfiguration<InboxTag>
{
    public void Configure(EntityTypeBuilder<InboxTag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(ResponseRules.TagMax);
        builder.HasIndex(t => t.Name).IsUnique();
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.AddedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.Text).HasMaxLength(ResponseRules.DraftTextMax);
        builder.Property(d => d.ImageContentType).HasMaxLength(40);
        builder.Property(d => d.ImageAltText).HasMaxLength(ResponseRules.AltTextMax);
        builder.Property(d => d.PersonalDataReason).HasMaxLength(500);
        builder.Property(d => d.RejectionReason).HasMaxLength(1000);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasIndex(d => new { d.State, d.AwaitingApprovalSince });
        builder.HasIndex(d => new { d.CreatedAt, d.AuthorId });
        builder.HasIndex(d => d.ApprovedAt);
        builder.HasIndex(d => new { d.State, d.ScheduledFor });
        builder.HasIndex(d => d.AuthorId);
        builder.HasIndex(d => d.ConversationId);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(d => d.ConversationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(d => d.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(d => d.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Channels).WithOne().HasForeignKey(c => c.DraftId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DraftChannelPostConfiguration : IEntityTypeConfiguration<DraftChannelPost>
{
    public void Configure(EntityTypeBuilder<DraftChannelPost> builder)
    {
        builder.HasKey(p => new { p.DraftId, p.Channel });
        builder.Property(p => p.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.LastError).HasMaxLength(1000);
        builder.Property(p => p.LiveUrl).HasMaxLength(500);
        builder.HasIndex(p => p.Status);
    }
}

internal sealed class DraftRevisionConfiguration : IEntityTypeConfiguration<DraftRevision>
{
    public void Configure(EntityTypeBuilder<DraftRevision> builder)
    {
        builder.Property(r => r.Text).HasMaxLength(ResponseRules.DraftTextMax);
        builder.Property(r => r.Note).HasMaxLength(200);
        builder.HasIndex(r => new { r.DraftId, r.Number }).IsUnique();
        builder.HasOne<Draft>().WithMany().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DraftReviewerConfiguration : IEntityTypeConfiguration<DraftReviewer>
{
    public void Configure(EntityTypeBuilder<DraftReviewer> builder)
    {
        builder.HasKey(r => new { r.DraftId, r.PersonId });
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => r.PersonId);
        builder.HasOne<Draft>().WithMany().HasForeignKey(r => r.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DraftCommentConfiguration : IEntityTypeConfiguration<DraftComment>
{
    public void Configure(EntityTypeBuilder<DraftComment> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(2000);
        builder.HasIndex(c => new { c.DraftId, c.CreatedAt });
        builder.HasOne<Draft>().WithMany().HasForeignKey(c => c.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DraftSourceConfiguration : IEntityTypeConfiguration<DraftSource>
{
    public void Configure(EntityTypeBuilder<DraftSource> builder)
    {
        builder.HasKey(s => new { s.DraftId, s.ArticleId });
        builder.HasIndex(s => s.ArticleId);
        builder.HasOne<Draft>().WithMany().HasForeignKey(s => s.DraftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Article>().WithMany().HasForeignKey(s => s.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResponseTemplateConfiguration : IEntityTypeConfiguration<ResponseTemplate>
{
    public void Configure(EntityTypeBuilder<ResponseTemplate> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(150);
        builder.Property(t => t.Text).HasMaxLength(ResponseRules.DraftTextMax);
        builder.HasIndex(t => t.ServiceAreaId);
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(t => t.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BannedPhraseConfiguration : IEntityTypeConfiguration<BannedPhrase>
{
    public void Configure(EntityTypeBuilder<BannedPhrase> builder)
    {
        builder.Property(b => b.Phrase).HasMaxLength(100);
        builder.HasIndex(b => b.Phrase).IsUnique();
    }
}

internal sealed class QuietPeriodConfiguration : IEntityTypeConfiguration<QuietPeriod>
{
    public void Configure(EntityTypeBuilder<QuietPeriod> builder)
    {
        builder.Property(q => q.Reason).HasMaxLength(300);
        builder.HasIndex(q => new { q.StartsAt, q.EndsAt });
    }
}
