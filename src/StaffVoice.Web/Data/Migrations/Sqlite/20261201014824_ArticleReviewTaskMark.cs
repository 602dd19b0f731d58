using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ArticleReviewTaskMark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_ReviewDueAt",
                table: "Articles");

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewTaskFor",
                table: "Articles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_ReviewDueAt_ReviewTaskFor",
                table: "Articles",
                columns: new[] { "Status", "ReviewDueAt", "ReviewTaskFor" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Articles_Status_ReviewDueAt_ReviewTaskFor",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ReviewTaskFor",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Status_ReviewDueAt",
                table: "Articles",
                columns: new[] { "Status", "ReviewDueAt" });
        }
    }
}
