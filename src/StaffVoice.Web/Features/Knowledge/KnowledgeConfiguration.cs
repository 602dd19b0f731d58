using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Knowledge;

internal sealed class ServiceAreaConfiguration : IEntityTypeConfiguration<ServiceArea>
{
    public void Configure(EntityTypeBuilder<ServiceArea> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasOne(s => s.Department).WithMany().HasForeignKey(s => s.DepartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ExpertiseConfiguration : IEntityTypeConfiguration<Expertise>
{
    public void Configure(EntityTypeBuilder<Expertise> builder)
    {
        builder.HasKey(e => new { e.PersonId, e.ServiceAreaId });
        builder.HasIndex(e => e.ServiceAreaId);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceArea>().WithMany().HasForeignKey(e => e.ServiceAreaId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> builder)
    {
        builder.HasIndex(a => new { a.PublishedAt, a.ServiceAreaId });
        builder.Property(a => a.Title).HasMaxLength(KnowledgeRules.TitleMax);
        builder.Property(a => a.BodyMarkdown).HasMaxLength(KnowledgeRules.BodyMax);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(a => a.ServiceArea).WithMany().HasForeignKey(a => a.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Tags).WithOne().HasForeignKey(t => t.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.Status, a.ReviewDueAt, a.ReviewTaskFor });
        builder.HasIndex(a => new { a.Status, a.ServiceAreaId, a.UpdatedAt });
        builder.HasIndex(a => new { a.Status, a.UpdatedAt, a.Id }); // the knowledge list (published, newest first) walked in index order
        builder.HasIndex(a => a.OwnerId);
    }
}

internal sealed class ArticleTagConfiguration : IEntityTypeConfiguration<ArticleTag>
{
    public void Configure(EntityTypeBuilder<ArticleTag> builder)
    {
        builder.HasKey(t => new { t.ArticleId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(KnowledgeRules.TagMax);
        builder.HasIndex(t => t.Name);
    }
}

internal sealed class ArticleRevisionConfiguration : IEntityTypeConfiguration<ArticleRevision>
{
    public void Configure(EntityTypeBuilder<ArticleRevision> builder)
    {
        builder.HasIndex(r => new { r.CreatedAt, r.AuthorId, r.Number, r.ArticleId });
        builder.Property(r => r.Title).HasMaxLength(KnowledgeRules.TitleMax);
        builder.Property(r => r.BodyMarkdown).HasMaxLength(KnowledgeRules.BodyMax);
        builder.Property(r => r.Tags).HasMaxLength(200);
        builder.Property(r => r.Summary).HasMaxLength(300);
        builder.HasIndex(r => new { r.ArticleId, r.Number }).IsUnique();
        builder.HasOne<Article>().WithMany().HasForeignKey(r => r.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleVoteConfiguration : IEntityTypeConfiguration<ArticleVote>
{
    public void Configure(EntityTypeBuilder<ArticleVote> builder)
    {
        builder.HasKey(v => new { v.ArticleId, v.PersonId });
        builder.HasOne<Article>().WithMany().HasForeignKey(v => v.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ArticleCommentConfiguration : IEntityTypeConfiguration<ArticleComment>
{
    public void Configure(EntityTypeBuilder<ArticleComment> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(KnowledgeRules.CommentMax);
        builder.HasIndex(c => new { c.ArticleId, c.CreatedAt });
        builder.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QuestionConfiguration : IEntityTypeConfiguration<Question>
{
    public void Configure(EntityTypeBuilder<Question> builder)
    {
        builder.Property(q => q.Title).HasMaxLength(KnowledgeRules.TitleMax);
        builder.Property(q => q.BodyMarkdown).HasMaxLength(KnowledgeRules.BodyMax);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.HasOne(q => q.ServiceArea).WithMany().HasForeignKey(q => q.ServiceAreaId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(q => q.AskerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(q => q.Tags).WithOne().HasForeignKey(t => t.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(q => new { q.AcceptedAnswerId, q.ServiceAreaId, q.CreatedAt });
        builder.HasIndex(q => q.CreatedAt);
        builder.HasIndex(q => new { q.ServiceAreaId, q.AnswerCount, q.CreatedAt }); // unanswered questions in one's areas (home page)
    }
}

internal sealed class QuestionTagConfiguration : IEntityTypeConfiguration<QuestionTag>
{
    public void Configure(EntityTypeBuilder<QuestionTag> builder)
    {
        builder.HasKey(t => new { t.QuestionId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(KnowledgeRules.TagMax);
        builder.HasIndex(t => t.Name);
    }
}

internal sealed class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> builder)
    {
        builder.Property(a => a.BodyMarkdown).HasMaxLength(KnowledgeRules.BodyMax);
        builder.HasIndex(a => new { a.QuestionId, a.Score });
        // The dashboard's period counts and participation read answers by date, with their author.
        builder.HasIndex(a => new { a.CreatedAt, a.AuthorId });
        // A question's first answer and its time without reading the answers' text.
        builder.HasIndex(a => new { a.QuestionId, a.CreatedAt, a.AuthorId });
        builder.HasOne<Question>().WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AnswerVoteConfiguration : IEntityTypeConfiguration<AnswerVote>
{
    public void Configure(EntityTypeBuilder<AnswerVote> builder)
    {
        builder.HasKey(v => new { v.AnswerId, v.PersonId });
        builder.HasOne<Answer>().WithMany().HasForeignKey(v => v.AnswerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
