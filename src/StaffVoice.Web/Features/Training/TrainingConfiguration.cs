using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Features.People;

namespace StaffVoice.Web.Features.Training;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(150);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.LastChangeNote).HasMaxLength(500);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Modules).WithOne().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.IsSocialMediaPolicy);
    }
}

internal sealed class CourseModuleConfiguration : IEntityTypeConfiguration<CourseModule>
{
    public void Configure(EntityTypeBuilder<CourseModule> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(150);
        builder.Property(m => m.LessonMarkdown).HasMaxLength(50_000);
        builder.HasIndex(m => new { m.CourseId, m.Position });
        builder.HasMany(m => m.Questions).WithOne().HasForeignKey(q => q.ModuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizQuestionConfiguration : IEntityTypeConfiguration<QuizQuestion>
{
    public void Configure(EntityTypeBuilder<QuizQuestion> builder)
    {
        builder.Property(q => q.Text).HasMaxLength(500);
        builder.Property(q => q.Explanation).HasMaxLength(1000);
        builder.HasMany(q => q.Options).WithOne().HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuizOptionConfiguration : IEntityTypeConfiguration<QuizOption>
{
    public void Configure(EntityTypeBuilder<QuizOption> builder) => builder.Property(o => o.Text).HasMaxLength(300);
}

internal sealed class CourseArticleConfiguration : IEntityTypeConfiguration<CourseArticle>
{
    public void Configure(EntityTypeBuilder<CourseArticle> builder)
    {
        builder.HasKey(c => new { c.CourseId, c.ArticleId });
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Article>().WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.OpenKey).HasMaxLength(30);
        builder.HasIndex(a => a.OpenKey).IsUnique();
        builder.HasIndex(a => new { a.Status, a.DueAt });
        builder.HasIndex(a => new { a.PersonId, a.Status });
        builder.HasIndex(a => new { a.CourseId, a.Status });
        builder.HasIndex(a => a.ClaimToken);
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AssignmentRuleConfiguration : IEntityTypeConfiguration<AssignmentRule>
{
    public void Configure(EntityTypeBuilder<AssignmentRule> builder)
    {
        builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Role).HasMaxLength(40);
        builder.HasOne<Course>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModuleProgressConfiguration : IEntityTypeConfiguration<ModuleProgress>
{
    public void Configure(EntityTypeBuilder<ModuleProgress> builder)
    {
        builder.HasKey(p => new { p.PersonId, p.ModuleId });
        builder.HasOne<CourseModule>().WithMany().HasForeignKey(p => p.ModuleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CompletionConfiguration : IEntityTypeConfiguration<Completion>
{
    public void Configure(EntityTypeBuilder<Completion> builder)
    {
        builder.HasIndex(c => new { c.PersonId, c.CourseId, c.CompletedAt });
        builder.HasIndex(c => new { c.ValidUntil, c.RenewalCreatedAt });
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ComplianceSnapshotConfiguration : IEntityTypeConfiguration<ComplianceSnapshot>
{
    public void Configure(EntityTypeBuilder<ComplianceSnapshot> builder)
    {
        builder.HasIndex(s => new { s.Date, s.DepartmentId, s.CourseId }).IsUnique();
        builder.HasIndex(s => new { s.CourseId, s.Date });
    }
}
