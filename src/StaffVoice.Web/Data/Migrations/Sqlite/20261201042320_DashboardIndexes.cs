using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Ideas_CreatedAt",
                table: "Ideas",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Ideas_DoneAt",
                table: "Ideas",
                column: "DoneAt");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ApprovedAt",
                table: "Drafts",
                column: "ApprovedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_CreatedAt_AuthorId",
                table: "Drafts",
                columns: new[] { "CreatedAt", "AuthorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_PublishedAt_ServiceAreaId",
                table: "Articles",
                columns: new[] { "PublishedAt", "ServiceAreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArticleRevisions_CreatedAt_AuthorId_Number_ArticleId",
                table: "ArticleRevisions",
                columns: new[] { "CreatedAt", "AuthorId", "Number", "ArticleId" });

            migrationBuilder.CreateIndex(
                name: "IX_Answers_CreatedAt_AuthorId",
                table: "Answers",
                columns: new[] { "CreatedAt", "AuthorId" });

            migrationBuilder.CreateIndex(
                name: "IX_Answers_QuestionId_CreatedAt_AuthorId",
                table: "Answers",
                columns: new[] { "QuestionId", "CreatedAt", "AuthorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Ideas_CreatedAt",
                table: "Ideas");

            migrationBuilder.DropIndex(
                name: "IX_Ideas_DoneAt",
                table: "Ideas");

            migrationBuilder.DropIndex(
                name: "IX_Drafts_ApprovedAt",
                table: "Drafts");

            migrationBuilder.DropIndex(
                name: "IX_Drafts_CreatedAt_AuthorId",
                table: "Drafts");

            migrationBuilder.DropIndex(
                name: "IX_Articles_PublishedAt_ServiceAreaId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_ArticleRevisions_CreatedAt_AuthorId_Number_ArticleId",
                table: "ArticleRevisions");

            migrationBuilder.DropIndex(
                name: "IX_Answers_CreatedAt_AuthorId",
                table: "Answers");

            migrationBuilder.DropIndex(
                name: "IX_Answers_QuestionId_CreatedAt_AuthorId",
                table: "Answers");
        }
    }
}
