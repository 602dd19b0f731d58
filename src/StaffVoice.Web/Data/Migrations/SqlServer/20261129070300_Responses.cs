using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StaffVoice.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<int>(type: "int", nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    EntityId = table.Column<int>(type: "int", nullable: false),
                    Before = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    After = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Details = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BannedPhrases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Phrase = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    AddedById = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BannedPhrases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Conversations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    AuthorHandle = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ServiceAreaId = table.Column<int>(type: "int", nullable: true),
                    Priority = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    LoggedById = table.Column<int>(type: "int", nullable: false),
                    ImportKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FirstDraftAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    StartsAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    CreatedById = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuietPeriods", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResponseTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ServiceAreaId = table.Column<int>(type: "int", nullable: true),
                    Title = table.Column<string>(type: "nvarchar(150)", maxLength: 150, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 63206, nullable: false),
                    CreatedById = table.Column<int>(type: "int", nullable: false),
                    SourceDraftId = table.Column<int>(type: "int", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ConversationId = table.Column<int>(type: "int", nullable: true),
                    AuthorId = table.Column<int>(type: "int", nullable: false),
                    ServiceAreaId = table.Column<int>(type: "int", nullable: true),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 63206, nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ImageBytes = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    ImageContentType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    ImageAltText = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PersonalDataReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    RequiredEndorsements = table.Column<int>(type: "int", nullable: false),
                    RevisionCount = table.Column<int>(type: "int", nullable: false),
                    SubmittedForReviewAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AwaitingApprovalSince = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ApprovedById = table.Column<int>(type: "int", nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SecondApprovedById = table.Column<int>(type: "int", nullable: true),
                    RejectionReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ScheduledFor = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
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
                    DraftId = table.Column<int>(type: "int", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    ClaimedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    LiveUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DraftId = table.Column<int>(type: "int", nullable: false),
                    AuthorId = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    DraftId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DraftId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 63206, nullable: false),
                    AuthorId = table.Column<int>(type: "int", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                    DraftId = table.Column<int>(type: "int", nullable: false),
                    ArticleId = table.Column<int>(type: "int", nullable: false),
                    RevisionAtApproval = table.Column<int>(type: "int", nullable: true)
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
            // CREATE TRIGGER must start a batch: EXEC gives it one, also inside the idempotent script's IF blocks.
            migrationBuilder.Sql("EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS " +
                "BEGIN THROW 51000, ''The audit trail is append-only.'', 1; END;');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS [AuditEntries_AppendOnly];");

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
