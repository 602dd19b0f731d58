using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Responses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorId = table.Column<int>(type: "INTEGER", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntityType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EntityId = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", nullable: true),
                    After = table.Column<string>(type: "TEXT", nullable: true),
                    Details = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BannedPhrases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Phrase = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    AddedById = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BannedPhrases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthorHandle = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ServiceAreaId = table.Column<int>(type: "INTEGER", nullable: true),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LoggedById = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FirstDraftAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Conversations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Conversations_People_LoggedById",
                        column: x => x.LoggedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Conversations_ServiceAreas_ServiceAreaId",
                        column: x => x.ServiceAreaId,
                        principalTable: "ServiceAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuietPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuietPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResponseTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceAreaId = table.Column<int>(type: "INTEGER", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 63206, nullable: false),
                    CreatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceDraftId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResponseTemplates_People_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResponseTemplates_ServiceAreas_ServiceAreaId",
                        column: x => x.ServiceAreaId,
                        principalTable: "ServiceAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Drafts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceAreaId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 63206, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ImageBytes = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ImageContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ImageAltText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    PersonalDataReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RequiredEndorsements = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedForReviewAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AwaitingApprovalSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApprovedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SecondApprovedById = table.Column<int>(type: "INTEGER", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScheduledFor = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Drafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Drafts_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Drafts_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Drafts_ServiceAreas_ServiceAreaId",
                        column: x => x.ServiceAreaId,
                        principalTable: "ServiceAreas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DraftChannelPosts",
                columns: table => new
                {
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClaimToken = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LiveUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftChannelPosts", x => new { x.DraftId, x.Channel });
                    table.ForeignKey(
                        name: "FK_DraftChannelPosts_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DraftComments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftComments_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DraftComments_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DraftReviewers",
                columns: table => new
                {
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftReviewers", x => new { x.DraftId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_DraftReviewers_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DraftReviewers_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DraftRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 63206, nullable: false),
                    AuthorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DraftRevisions_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DraftRevisions_People_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DraftSources",
                columns: table => new
                {
                    DraftId = table.Column<int>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false),
                    RevisionAtApproval = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DraftSources", x => new { x.DraftId, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_DraftSources_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DraftSources_Drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "Drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_EntityId_At",
                table: "AuditEntries",
                columns: new[] { "EntityType", "EntityId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_BannedPhrases_Phrase",
                table: "BannedPhrases",
                column: "Phrase",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ImportKey",
                table: "Conversations",
                column: "ImportKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_LoggedById",
                table: "Conversations",
                column: "LoggedById");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ServiceAreaId",
                table: "Conversations",
                column: "ServiceAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_ReceivedAt",
                table: "Conversations",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DraftChannelPosts_Status",
                table: "DraftChannelPosts",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_DraftComments_AuthorId",
                table: "DraftComments",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftComments_DraftId_CreatedAt",
                table: "DraftComments",
                columns: new[] { "DraftId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DraftReviewers_PersonId",
                table: "DraftReviewers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftRevisions_AuthorId",
                table: "DraftRevisions",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_DraftRevisions_DraftId_Number",
                table: "DraftRevisions",
                columns: new[] { "DraftId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_AuthorId",
                table: "Drafts",
                column: "AuthorId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ConversationId",
                table: "Drafts",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_ServiceAreaId",
                table: "Drafts",
                column: "ServiceAreaId");

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_State_AwaitingApprovalSince",
                table: "Drafts",
                columns: new[] { "State", "AwaitingApprovalSince" });

            migrationBuilder.CreateIndex(
                name: "IX_Drafts_State_ScheduledFor",
                table: "Drafts",
                columns: new[] { "State", "ScheduledFor" });

            migrationBuilder.CreateIndex(
                name: "IX_DraftSources_ArticleId",
                table: "DraftSources",
                column: "ArticleId");

            migrationBuilder.CreateIndex(
                name: "IX_QuietPeriods_StartsAt_EndsAt",
                table: "QuietPeriods",
                columns: new[] { "StartsAt", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ResponseTemplates_CreatedById",
                table: "ResponseTemplates",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ResponseTemplates_ServiceAreaId",
                table: "ResponseTemplates",
                column: "ServiceAreaId");

            // The audit trail is append-only, in the database too.
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;");
            migrationBuilder.Sql("CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only.'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditEntries_NoDelete;");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "BannedPhrases");

            migrationBuilder.DropTable(
                name: "DraftChannelPosts");

            migrationBuilder.DropTable(
                name: "DraftComments");

            migrationBuilder.DropTable(
                name: "DraftReviewers");

            migrationBuilder.DropTable(
                name: "DraftRevisions");

            migrationBuilder.DropTable(
                name: "DraftSources");

            migrationBuilder.DropTable(
                name: "QuietPeriods");

            migrationBuilder.DropTable(
                name: "ResponseTemplates");

            migrationBuilder.DropTable(
                name: "Drafts");

            migrationBuilder.DropTable(
                name: "Conversations");
        }
    }
}
