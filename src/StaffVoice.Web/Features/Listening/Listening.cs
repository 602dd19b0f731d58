using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Data;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;
using StaffVoice.Web.Features.Responses;

namespace StaffVoice.Web.Features.Listening;

/// <summary>Where a citizen said it: the social channels of the responses queue, or the other ways people reach us.</summary>
public enum InsightChannel
{
    X,
    Bluesky,
    Mastodon,
    Instagram,
    LinkedIn,
    Facebook,
    Phone,
    Email,
    InPerson,
    WebForm,
    Other,
}

/// <summary>Where an idea stands. Done and Not doing carry a note the pages show ("what we did", "why not").</summary>
public enum IdeaStatus
{
    Proposed,
    UnderReview,
    Planned,
    InProgress,
    Done,
    NotDoing,
}

/// <summary>What citizens are saying, recorded by an employee: a short quote or paraphrase, never anyone's personal data.</summary>
public sealed class Insight
{
    public int Id { get; set; }
    public required string Text { get; set; }
    public InsightChannel Channel { get; set; }
    public int ServiceAreaId { get; set; }
    public ConversationSentiment Sentiment { get; set; }

    /// <summary>The conversation it was recorded from, when it came from the responses queue.</summary>
    public int? ConversationId { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<InsightTheme> Themes { get; set; } = [];
}

public sealed class InsightTheme
{
    public int InsightId { get; set; }
    public required string Name { get; set; }
}

/// <summary>An improvement an employee proposes, backed by insights as evidence, followed up by the area's owners.</summary>
public sealed class Idea : IHasTimestamps, IHasVersion
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public required string Problem { get; set; }
    public required string Proposal { get; set; }
    public int ServiceAreaId { get; set; }
    public IdeaStatus Status { get; set; }

    /// <summary>"What we did" for Done, "why not" for Not doing, optional otherwise.</summary>
    public string? StatusNote { get; set; }
    public DateTime StatusChangedAt { get; set; }
    public DateTime? DoneAt { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
}

/// <summary>An insight linked to an idea as evidence; an insight may back several ideas, each once.</summary>
public sealed class IdeaEvidence
{
    public int IdeaId { get; set; }
    public int InsightId { get; set; }
    public int LinkedById { get; set; }
    public DateTime LinkedAt { get; set; }
}

/// <summary>One person's support for an idea: at most one per person.</summary>
public sealed class IdeaSupport
{
    public int IdeaId { get; set; }
    public int PersonId { get; set; }
    public DateTime SupportedAt { get; set; }
}

public sealed class IdeaComment
{
    public int Id { get; set; }
    public int IdeaId { get; set; }
    public int AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>The idea's follow-up history, shown on its page: who moved it, from what, to what, with what note.</summary>
public sealed class IdeaStatusChange
{
    public int Id { get; set; }
    public int IdeaId { get; set; }
    public IdeaStatus From { get; set; }
    public IdeaStatus To { get; set; }
    public string? Note { get; set; }
    public int ChangedById { get; set; }
    public DateTime ChangedAt { get; set; }
}

/// <summary>A person an administrator made responsible for following up the ideas of a service area.</summary>
public sealed class AreaOwner
{
    public int ServiceAreaId { get; set; }
    public int PersonId { get; set; }
    public int AssignedById { get; set; }
    public DateTime AssignedAt { get; set; }
}

internal sealed class ListeningConfiguration :
    IEntityTypeConfiguration<Insight>, IEntityTypeConfiguration<InsightTheme>, IEntityTypeConfiguration<Idea>,
    IEntityTypeConfiguration<IdeaEvidence>, IEntityTypeConfiguration<IdeaSupport>, IEntityTypeConfiguration<IdeaComment>,
    IEntityTypeConfiguration<IdeaStatusChange>, IEntityTypeConfiguration<AreaOwner>
{
    public void Configure(EntityTypeBuilder<Insight> builder)
    {
        builder.Property(i => i.Text).HasMaxLength(ListeningRules.InsightMax);
        builder.Property(i => i.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Sentiment).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => new { i.ServiceAreaId, i.CreatedAt });
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(i => i.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(i => i.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Themes).WithOne().HasForeignKey(t => t.InsightId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<InsightTheme> builder)
    {
        builder.HasKey(t => new { t.InsightId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(ResponseRules.TagMax);
        builder.HasIndex(t => t.Name);
    }

    public void Configure(EntityTypeBuilder<Idea> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(ListeningRules.TitleMax);
        builder.Property(i => i.Problem).HasMaxLength(ListeningRules.TextMax);
        builder.Property(i => i.Proposal).HasMaxLength(ListeningRules.TextMax);
        builder.Property(i => i.StatusNote).HasMaxLength(ListeningRules.NoteMax);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.StatusChangedAt });
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.DoneAt);
        builder.HasIndex(i => new { i.ServiceAreaId, i.Status });
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(i => i.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IdeaEvidence> builder)
    {
        builder.HasKey(e => new { e.IdeaId, e.InsightId });
        builder.HasIndex(e => e.InsightId);
        builder.HasOne<Idea>().WithMany().HasForeignKey(e => e.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Insight>().WithMany().HasForeignKey(e => e.InsightId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.LinkedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IdeaSupport> builder)
    {
        builder.HasKey(s => new { s.IdeaId, s.PersonId });
        builder.HasIndex(s => s.PersonId);
        builder.HasOne<Idea>().WithMany().HasForeignKey(s => s.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<IdeaComment> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(ListeningRules.CommentMax);
        builder.HasIndex(c => new { c.IdeaId, c.CreatedAt });
        builder.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<IdeaStatusChange> builder)
    {
        builder.Property(c => c.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Note).HasMaxLength(ListeningRules.NoteMax);
        builder.HasIndex(c => new { c.IdeaId, c.ChangedAt });
        builder.HasOne<Idea>().WithMany().HasForeignKey(c => c.IdeaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.ChangedById).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<AreaOwner> builder)
    {
        builder.HasKey(o => new { o.ServiceAreaId, o.PersonId });
        builder.HasIndex(o => o.PersonId);
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(o => o.ServiceAreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.AssignedById).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Limits and words of the listening loop, shared by the service, its pages and the exports.</summary>
public static class ListeningRules
{
    public const int InsightMax = 500;
    public const int TitleMax = 150;
    public const int TextMax = 4000;
    public const int NoteMax = 1000;
    public const int CommentMax = 2000;
    public const int ThemesMax = 5;

    public static string StatusName(IdeaStatus status) => status switch
    {
        IdeaStatus.Proposed => "Proposed",
        IdeaStatus.UnderReview => "Under review",
        IdeaStatus.Planned => "Planned",
        IdeaStatus.InProgress => "In progress",
        IdeaStatus.Done => "Done",
        _ => "Not doing",
    };

    public static string ChannelName(InsightChannel channel) => channel switch
    {
        InsightChannel.InPerson => "In person",
        InsightChannel.WebForm => "Web form",
        InsightChannel.Email => "E-mail",
        _ => channel.ToString(),
    };

    /// <summary>Done and Not doing need a note: what changed, or why not.</summary>
    public static bool NeedsNote(IdeaStatus status) => status is IdeaStatus.Done or IdeaStatus.NotDoing;

    public static InsightChannel FromSocial(SocialChannel channel) => Enum.Parse<InsightChannel>(channel.ToString());
}
