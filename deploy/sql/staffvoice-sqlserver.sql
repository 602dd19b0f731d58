SET QUOTED_IDENTIFIER ON;
SET ANSI_NULLS ON;
GO
IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE TABLE [Departments] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        CONSTRAINT [PK_Departments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE TABLE [People] (
        [Id] int NOT NULL IDENTITY,
        [ObjectId] nvarchar(64) NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [Email] nvarchar(254) NOT NULL,
        [JobTitle] nvarchar(200) NULL,
        [DepartmentId] int NULL,
        [ManagerId] int NULL,
        [PrefersDarkMode] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_People] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_People_Departments_DepartmentId] FOREIGN KEY ([DepartmentId]) REFERENCES [Departments] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_People_People_ManagerId] FOREIGN KEY ([ManagerId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE TABLE [PersonRoles] (
        [PersonId] int NOT NULL,
        [Role] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_PersonRoles] PRIMARY KEY ([PersonId], [Role]),
        CONSTRAINT [FK_PersonRoles_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Departments_Name] ON [Departments] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE INDEX [IX_People_DepartmentId] ON [People] ([DepartmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE INDEX [IX_People_DisplayName] ON [People] ([DisplayName]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_People_Email] ON [People] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE INDEX [IX_People_ManagerId] ON [People] ([ManagerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_People_ObjectId] ON [People] ([ObjectId]) WHERE [ObjectId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    CREATE INDEX [IX_PersonRoles_Role] ON [PersonRoles] ([Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129061610_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129061610_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] bigint NOT NULL IDENTITY,
        [RecipientId] int NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Title] nvarchar(300) NOT NULL,
        [Text] nvarchar(1000) NULL,
        [Link] nvarchar(300) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [ReadAt] datetime2 NULL,
        [DedupKey] nvarchar(200) NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Notifications_People_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [ServiceAreas] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [DepartmentId] int NOT NULL,
        CONSTRAINT [PK_ServiceAreas] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ServiceAreas_Departments_DepartmentId] FOREIGN KEY ([DepartmentId]) REFERENCES [Departments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [Articles] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(150) NOT NULL,
        [BodyMarkdown] nvarchar(max) NOT NULL,
        [BodyHtml] nvarchar(max) NOT NULL,
        [ServiceAreaId] int NOT NULL,
        [OwnerId] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [LastVerifiedAt] datetime2 NOT NULL,
        [ReviewIntervalMonths] int NOT NULL,
        [ReviewDueAt] datetime2 NOT NULL,
        [RevisionCount] int NOT NULL,
        [ViewCount] int NOT NULL,
        [SourceQuestionId] int NULL,
        [PublishedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Articles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Articles_People_OwnerId] FOREIGN KEY ([OwnerId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Articles_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [Expertise] (
        [PersonId] int NOT NULL,
        [ServiceAreaId] int NOT NULL,
        CONSTRAINT [PK_Expertise] PRIMARY KEY ([PersonId], [ServiceAreaId]),
        CONSTRAINT [FK_Expertise_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Expertise_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [Questions] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(150) NOT NULL,
        [BodyMarkdown] nvarchar(max) NOT NULL,
        [BodyHtml] nvarchar(max) NOT NULL,
        [ServiceAreaId] int NOT NULL,
        [AskerId] int NOT NULL,
        [AnswerCount] int NOT NULL,
        [AcceptedAnswerId] int NULL,
        [ArticleId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Questions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Questions_People_AskerId] FOREIGN KEY ([AskerId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Questions_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [ArticleComments] (
        [Id] int NOT NULL IDENTITY,
        [ArticleId] int NOT NULL,
        [AuthorId] int NOT NULL,
        [Text] nvarchar(2000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ArticleComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ArticleComments_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ArticleComments_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [ArticleRevisions] (
        [Id] int NOT NULL IDENTITY,
        [ArticleId] int NOT NULL,
        [Number] int NOT NULL,
        [Title] nvarchar(150) NOT NULL,
        [BodyMarkdown] nvarchar(max) NOT NULL,
        [Tags] nvarchar(200) NOT NULL,
        [Summary] nvarchar(300) NOT NULL,
        [AuthorId] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ArticleRevisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ArticleRevisions_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ArticleRevisions_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [ArticleTags] (
        [ArticleId] int NOT NULL,
        [Name] nvarchar(30) NOT NULL,
        CONSTRAINT [PK_ArticleTags] PRIMARY KEY ([ArticleId], [Name]),
        CONSTRAINT [FK_ArticleTags_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [ArticleVotes] (
        [ArticleId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Helpful] bit NOT NULL,
        CONSTRAINT [PK_ArticleVotes] PRIMARY KEY ([ArticleId], [PersonId]),
        CONSTRAINT [FK_ArticleVotes_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ArticleVotes_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [Answers] (
        [Id] int NOT NULL IDENTITY,
        [QuestionId] int NOT NULL,
        [AuthorId] int NOT NULL,
        [BodyMarkdown] nvarchar(max) NOT NULL,
        [BodyHtml] nvarchar(max) NOT NULL,
        [Score] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Answers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Answers_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Answers_Questions_QuestionId] FOREIGN KEY ([QuestionId]) REFERENCES [Questions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [QuestionTags] (
        [QuestionId] int NOT NULL,
        [Name] nvarchar(30) NOT NULL,
        CONSTRAINT [PK_QuestionTags] PRIMARY KEY ([QuestionId], [Name]),
        CONSTRAINT [FK_QuestionTags_Questions_QuestionId] FOREIGN KEY ([QuestionId]) REFERENCES [Questions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [AnswerVotes] (
        [AnswerId] int NOT NULL,
        [PersonId] int NOT NULL,
        CONSTRAINT [PK_AnswerVotes] PRIMARY KEY ([AnswerId], [PersonId]),
        CONSTRAINT [FK_AnswerVotes_Answers_AnswerId] FOREIGN KEY ([AnswerId]) REFERENCES [Answers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AnswerVotes_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Answers_AuthorId] ON [Answers] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Answers_QuestionId_Score] ON [Answers] ([QuestionId], [Score]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_AnswerVotes_PersonId] ON [AnswerVotes] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ArticleComments_ArticleId_CreatedAt] ON [ArticleComments] ([ArticleId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ArticleComments_AuthorId] ON [ArticleComments] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArticleRevisions_ArticleId_Number] ON [ArticleRevisions] ([ArticleId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ArticleRevisions_AuthorId] ON [ArticleRevisions] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Articles_OwnerId] ON [Articles] ([OwnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Articles_ServiceAreaId] ON [Articles] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Articles_Status_ReviewDueAt] ON [Articles] ([Status], [ReviewDueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Articles_Status_ServiceAreaId_UpdatedAt] ON [Articles] ([Status], [ServiceAreaId], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ArticleTags_Name] ON [ArticleTags] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ArticleVotes_PersonId] ON [ArticleVotes] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Expertise_ServiceAreaId] ON [Expertise] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Notifications_RecipientId_DedupKey] ON [Notifications] ([RecipientId], [DedupKey]) WHERE [DedupKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Notifications_RecipientId_ReadAt_CreatedAt] ON [Notifications] ([RecipientId], [ReadAt], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Questions_AcceptedAnswerId_ServiceAreaId_CreatedAt] ON [Questions] ([AcceptedAnswerId], [ServiceAreaId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Questions_AskerId] ON [Questions] ([AskerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Questions_CreatedAt] ON [Questions] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_Questions_ServiceAreaId] ON [Questions] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_QuestionTags_Name] ON [QuestionTags] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE INDEX [IX_ServiceAreas_DepartmentId] ON [ServiceAreas] ([DepartmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ServiceAreas_Name] ON [ServiceAreas] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE TABLE [SearchIndex] ([Id] bigint NOT NULL CONSTRAINT [PK_SearchIndex] PRIMARY KEY, [Kind] int NOT NULL, [ItemId] int NOT NULL, [ParentId] int NOT NULL, [ServiceAreaId] int NOT NULL, [Title] nvarchar(300) NOT NULL, [Body] nvarchar(max) NOT NULL, [Tags] nvarchar(400) NOT NULL);
END;

COMMIT;
GO

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = 'StaffVoiceCatalog') CREATE FULLTEXT CATALOG [StaffVoiceCatalog];
END;
GO

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    CREATE FULLTEXT INDEX ON [SearchIndex] ([Title] LANGUAGE 1033, [Body] LANGUAGE 1033, [Tags] LANGUAGE 1033) KEY INDEX [PK_SearchIndex] ON [StaffVoiceCatalog] WITH CHANGE_TRACKING AUTO;
END;
GO

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129063815_Knowledge'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129063815_Knowledge', N'10.0.15');
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [ActorId] int NULL,
        [ActorName] nvarchar(200) NOT NULL,
        [Action] nvarchar(40) NOT NULL,
        [EntityType] nvarchar(40) NOT NULL,
        [EntityId] int NOT NULL,
        [Before] nvarchar(max) NULL,
        [After] nvarchar(max) NULL,
        [Details] nvarchar(2000) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [BannedPhrases] (
        [Id] int NOT NULL IDENTITY,
        [Phrase] nvarchar(100) NOT NULL,
        [AddedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_BannedPhrases] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [Conversations] (
        [Id] int NOT NULL IDENTITY,
        [Channel] nvarchar(20) NOT NULL,
        [AuthorHandle] nvarchar(100) NOT NULL,
        [Link] nvarchar(500) NULL,
        [Text] nvarchar(max) NOT NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [ServiceAreaId] int NULL,
        [Priority] nvarchar(20) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [LoggedById] int NOT NULL,
        [ImportKey] nvarchar(100) NOT NULL,
        [FirstDraftAt] datetime2 NULL,
        [AnsweredAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Conversations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Conversations_People_LoggedById] FOREIGN KEY ([LoggedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Conversations_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [QuietPeriods] (
        [Id] int NOT NULL IDENTITY,
        [StartsAt] datetime2 NOT NULL,
        [EndsAt] datetime2 NOT NULL,
        [Reason] nvarchar(300) NOT NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_QuietPeriods] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [ResponseTemplates] (
        [Id] int NOT NULL IDENTITY,
        [ServiceAreaId] int NULL,
        [Title] nvarchar(150) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [CreatedById] int NOT NULL,
        [SourceDraftId] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ResponseTemplates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ResponseTemplates_People_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ResponseTemplates_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [Drafts] (
        [Id] int NOT NULL IDENTITY,
        [ConversationId] int NULL,
        [AuthorId] int NOT NULL,
        [ServiceAreaId] int NULL,
        [Text] nvarchar(max) NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [ImageBytes] varbinary(max) NULL,
        [ImageContentType] nvarchar(40) NULL,
        [ImageAltText] nvarchar(1000) NULL,
        [PersonalDataReason] nvarchar(500) NULL,
        [RequiredEndorsements] int NOT NULL,
        [RevisionCount] int NOT NULL,
        [SubmittedForReviewAt] datetime2 NULL,
        [AwaitingApprovalSince] datetime2 NULL,
        [ApprovedById] int NULL,
        [ApprovedAt] datetime2 NULL,
        [SecondApprovedById] int NULL,
        [RejectionReason] nvarchar(1000) NULL,
        [ScheduledFor] datetime2 NULL,
        [PublishedAt] datetime2 NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Drafts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Drafts_Conversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [Conversations] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Drafts_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Drafts_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [DraftChannelPosts] (
        [DraftId] int NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [ClaimToken] uniqueidentifier NULL,
        [ClaimedAt] datetime2 NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(1000) NULL,
        [LiveUrl] nvarchar(500) NULL,
        [PublishedAt] datetime2 NULL,
        CONSTRAINT [PK_DraftChannelPosts] PRIMARY KEY ([DraftId], [Channel]),
        CONSTRAINT [FK_DraftChannelPosts_Drafts_DraftId] FOREIGN KEY ([DraftId]) REFERENCES [Drafts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [DraftComments] (
        [Id] int NOT NULL IDENTITY,
        [DraftId] int NOT NULL,
        [AuthorId] int NOT NULL,
        [Text] nvarchar(2000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_DraftComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DraftComments_Drafts_DraftId] FOREIGN KEY ([DraftId]) REFERENCES [Drafts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_DraftComments_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [DraftReviewers] (
        [DraftId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Decision] nvarchar(20) NOT NULL,
        [DecidedAt] datetime2 NULL,
        CONSTRAINT [PK_DraftReviewers] PRIMARY KEY ([DraftId], [PersonId]),
        CONSTRAINT [FK_DraftReviewers_Drafts_DraftId] FOREIGN KEY ([DraftId]) REFERENCES [Drafts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_DraftReviewers_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [DraftRevisions] (
        [Id] int NOT NULL IDENTITY,
        [DraftId] int NOT NULL,
        [Number] int NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [AuthorId] int NOT NULL,
        [Note] nvarchar(200) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_DraftRevisions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DraftRevisions_Drafts_DraftId] FOREIGN KEY ([DraftId]) REFERENCES [Drafts] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_DraftRevisions_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE TABLE [DraftSources] (
        [DraftId] int NOT NULL,
        [ArticleId] int NOT NULL,
        [RevisionAtApproval] int NULL,
        CONSTRAINT [PK_DraftSources] PRIMARY KEY ([DraftId], [ArticleId]),
        CONSTRAINT [FK_DraftSources_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_DraftSources_Drafts_DraftId] FOREIGN KEY ([DraftId]) REFERENCES [Drafts] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId_At] ON [AuditEntries] ([EntityType], [EntityId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BannedPhrases_Phrase] ON [BannedPhrases] ([Phrase]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Conversations_ImportKey] ON [Conversations] ([ImportKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Conversations_LoggedById] ON [Conversations] ([LoggedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Conversations_ServiceAreaId] ON [Conversations] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Conversations_Status_ReceivedAt] ON [Conversations] ([Status], [ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftChannelPosts_Status] ON [DraftChannelPosts] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftComments_AuthorId] ON [DraftComments] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftComments_DraftId_CreatedAt] ON [DraftComments] ([DraftId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftReviewers_PersonId] ON [DraftReviewers] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftRevisions_AuthorId] ON [DraftRevisions] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DraftRevisions_DraftId_Number] ON [DraftRevisions] ([DraftId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Drafts_AuthorId] ON [Drafts] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Drafts_ConversationId] ON [Drafts] ([ConversationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Drafts_ServiceAreaId] ON [Drafts] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Drafts_State_AwaitingApprovalSince] ON [Drafts] ([State], [AwaitingApprovalSince]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_Drafts_State_ScheduledFor] ON [Drafts] ([State], [ScheduledFor]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_DraftSources_ArticleId] ON [DraftSources] ([ArticleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_QuietPeriods_StartsAt_EndsAt] ON [QuietPeriods] ([StartsAt], [EndsAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_ResponseTemplates_CreatedById] ON [ResponseTemplates] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    CREATE INDEX [IX_ResponseTemplates_ServiceAreaId] ON [ResponseTemplates] ([ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    EXEC(N'CREATE TRIGGER [AuditEntries_AppendOnly] ON [AuditEntries] INSTEAD OF UPDATE, DELETE AS BEGIN THROW 51000, ''The audit trail is append-only.'', 1; END;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129070300_Responses'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129070300_Responses', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [ComplianceSnapshots] (
        [Id] int NOT NULL IDENTITY,
        [Date] date NOT NULL,
        [DepartmentId] int NOT NULL,
        [CourseId] int NOT NULL,
        [Due] int NOT NULL,
        [CompletedOnTime] int NOT NULL,
        CONSTRAINT [PK_ComplianceSnapshots] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [Courses] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(150) NOT NULL,
        [Summary] nvarchar(1000) NOT NULL,
        [EstimatedMinutes] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [OwnerId] int NOT NULL,
        [CurrentVersion] int NOT NULL,
        [RequiredVersion] int NOT NULL,
        [LastChangeNote] nvarchar(500) NULL,
        [IsSocialMediaPolicy] bit NOT NULL,
        [ValidityMonths] int NULL,
        [RecertifyLeadDays] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Courses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Courses_People_OwnerId] FOREIGN KEY ([OwnerId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [AssignmentRules] (
        [Id] int NOT NULL IDENTITY,
        [CourseId] int NOT NULL,
        [Target] nvarchar(20) NOT NULL,
        [DepartmentId] int NULL,
        [Role] nvarchar(40) NULL,
        [Kind] nvarchar(20) NOT NULL,
        [DueDays] int NOT NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_AssignmentRules] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AssignmentRules_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [Assignments] (
        [Id] int NOT NULL IDENTITY,
        [CourseId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Kind] nvarchar(20) NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [AssignedAt] datetime2 NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [RuleId] int NULL,
        [AssignedById] int NULL,
        [OpenKey] nvarchar(30) NULL,
        [StartedAt] datetime2 NULL,
        [CompletedAt] datetime2 NULL,
        [CompletedVersion] int NULL,
        [FirstReminderAt] datetime2 NULL,
        [LastReminderAt] datetime2 NULL,
        [OverdueNotifiedAt] datetime2 NULL,
        [ManagerEscalatedAt] datetime2 NULL,
        [ClaimToken] uniqueidentifier NULL,
        CONSTRAINT [PK_Assignments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Assignments_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Assignments_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [Completions] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [CourseId] int NOT NULL,
        [CourseVersion] int NOT NULL,
        [CompletedAt] datetime2 NOT NULL,
        [ValidUntil] datetime2 NULL,
        [AssignmentId] int NULL,
        [RenewalCreatedAt] datetime2 NULL,
        CONSTRAINT [PK_Completions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Completions_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Completions_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [CourseArticles] (
        [CourseId] int NOT NULL,
        [ArticleId] int NOT NULL,
        [SeenRevision] int NOT NULL,
        CONSTRAINT [PK_CourseArticles] PRIMARY KEY ([CourseId], [ArticleId]),
        CONSTRAINT [FK_CourseArticles_Articles_ArticleId] FOREIGN KEY ([ArticleId]) REFERENCES [Articles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_CourseArticles_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [CourseModules] (
        [Id] int NOT NULL IDENTITY,
        [CourseId] int NOT NULL,
        [Position] int NOT NULL,
        [Title] nvarchar(150) NOT NULL,
        [LessonMarkdown] nvarchar(max) NOT NULL,
        [LessonHtml] nvarchar(max) NOT NULL,
        [PassMarkPercent] int NULL,
        CONSTRAINT [PK_CourseModules] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CourseModules_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [ModuleProgress] (
        [PersonId] int NOT NULL,
        [ModuleId] int NOT NULL,
        [CourseVersion] int NOT NULL,
        [CompletedAt] datetime2 NOT NULL,
        [ScorePercent] int NULL,
        [Attempts] int NOT NULL,
        CONSTRAINT [PK_ModuleProgress] PRIMARY KEY ([PersonId], [ModuleId]),
        CONSTRAINT [FK_ModuleProgress_CourseModules_ModuleId] FOREIGN KEY ([ModuleId]) REFERENCES [CourseModules] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_ModuleProgress_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [QuizQuestions] (
        [Id] int NOT NULL IDENTITY,
        [ModuleId] int NOT NULL,
        [Position] int NOT NULL,
        [Text] nvarchar(500) NOT NULL,
        [Explanation] nvarchar(1000) NOT NULL,
        [MultipleChoice] bit NOT NULL,
        CONSTRAINT [PK_QuizQuestions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QuizQuestions_CourseModules_ModuleId] FOREIGN KEY ([ModuleId]) REFERENCES [CourseModules] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE TABLE [QuizOptions] (
        [Id] int NOT NULL IDENTITY,
        [QuestionId] int NOT NULL,
        [Position] int NOT NULL,
        [Text] nvarchar(300) NOT NULL,
        [IsCorrect] bit NOT NULL,
        CONSTRAINT [PK_QuizOptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_QuizOptions_QuizQuestions_QuestionId] FOREIGN KEY ([QuestionId]) REFERENCES [QuizQuestions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_AssignmentRules_CourseId] ON [AssignmentRules] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Assignments_ClaimToken] ON [Assignments] ([ClaimToken]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Assignments_CourseId_Status] ON [Assignments] ([CourseId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Assignments_OpenKey] ON [Assignments] ([OpenKey]) WHERE [OpenKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Assignments_PersonId_Status] ON [Assignments] ([PersonId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Assignments_Status_DueAt] ON [Assignments] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Completions_CourseId] ON [Completions] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Completions_PersonId_CourseId_CompletedAt] ON [Completions] ([PersonId], [CourseId], [CompletedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Completions_ValidUntil_RenewalCreatedAt] ON [Completions] ([ValidUntil], [RenewalCreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_ComplianceSnapshots_CourseId_Date] ON [ComplianceSnapshots] ([CourseId], [Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ComplianceSnapshots_Date_DepartmentId_CourseId] ON [ComplianceSnapshots] ([Date], [DepartmentId], [CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_CourseArticles_ArticleId] ON [CourseArticles] ([ArticleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_CourseModules_CourseId_Position] ON [CourseModules] ([CourseId], [Position]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Courses_IsSocialMediaPolicy] ON [Courses] ([IsSocialMediaPolicy]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_Courses_OwnerId] ON [Courses] ([OwnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_ModuleProgress_ModuleId] ON [ModuleProgress] ([ModuleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_QuizOptions_QuestionId] ON [QuizOptions] ([QuestionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    CREATE INDEX [IX_QuizQuestions_ModuleId] ON [QuizQuestions] ([ModuleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072802_Training'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129072802_Training', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    ALTER TABLE [People] ADD [DeactivatedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    ALTER TABLE [People] ADD [IsActive] bit NOT NULL DEFAULT CAST(1 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    ALTER TABLE [People] ADD [SecurityStamp] uniqueidentifier NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    CREATE TABLE [DirectorySyncStates] (
        [Id] int NOT NULL,
        [DeltaLink] nvarchar(4000) NULL,
        [LastRunAt] datetime2 NULL,
        [LastChangeCount] int NOT NULL,
        CONSTRAINT [PK_DirectorySyncStates] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    CREATE TABLE [SignInSessions] (
        [Id] uniqueidentifier NOT NULL,
        [PersonId] int NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        [EndedReason] nvarchar(100) NULL,
        CONSTRAINT [PK_SignInSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SignInSessions_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    CREATE INDEX [IX_SignInSessions_PersonId_EndedAt] ON [SignInSessions] ([PersonId], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130191707_SignInSafety'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130191707_SignInSafety', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130200440_ApproverChangedText'
)
BEGIN
    ALTER TABLE [Drafts] ADD [ApproverChangedText] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130200440_ApproverChangedText'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130200440_ApproverChangedText', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130201711_AuditNoReplace'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130201711_AuditNoReplace', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130201835_QuizAnswerReveal'
)
BEGIN
    ALTER TABLE [Courses] ADD [RevealAnswersBeforePass] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130201835_QuizAnswerReveal'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130201835_QuizAnswerReveal', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130215658_DataProtectionKeys'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130215658_DataProtectionKeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130215658_DataProtectionKeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222551_ClosureDays'
)
BEGIN
    CREATE TABLE [ClosureDays] (
        [Id] int NOT NULL IDENTITY,
        [Date] date NOT NULL,
        [Reason] nvarchar(300) NOT NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ClosureDays] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222551_ClosureDays'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ClosureDays_Date] ON [ClosureDays] ([Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130222551_ClosureDays'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130222551_ClosureDays', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD [AssigneeId] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD [ClosedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD [ClosedReason] nvarchar(1000) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD [DueAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD [Sentiment] nvarchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE TABLE [ConversationTags] (
        [ConversationId] int NOT NULL,
        [Name] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_ConversationTags] PRIMARY KEY ([ConversationId], [Name]),
        CONSTRAINT [FK_ConversationTags_Conversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [Conversations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE TABLE [InboxTags] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(40) NOT NULL,
        [AddedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_InboxTags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_InboxTags_People_AddedById] FOREIGN KEY ([AddedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE INDEX [IX_Conversations_AssigneeId_Status] ON [Conversations] ([AssigneeId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE INDEX [IX_Conversations_Status_DueAt] ON [Conversations] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE INDEX [IX_ConversationTags_Name] ON [ConversationTags] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE INDEX [IX_InboxTags_AddedById] ON [InboxTags] ([AddedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    CREATE UNIQUE INDEX [IX_InboxTags_Name] ON [InboxTags] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    ALTER TABLE [Conversations] ADD CONSTRAINT [FK_Conversations_People_AssigneeId] FOREIGN KEY ([AssigneeId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201004641_ConversationInbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201004641_ConversationInbox', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010329_ExpertiseConfirmation'
)
BEGIN
    ALTER TABLE [Expertise] ADD [ConfirmedAt] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010329_ExpertiseConfirmation'
)
BEGIN
    ALTER TABLE [Expertise] ADD [ConfirmedById] int NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010329_ExpertiseConfirmation'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201010329_ExpertiseConfirmation', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010943_ContentImages'
)
BEGIN
    CREATE TABLE [ContentImages] (
        [Id] int NOT NULL IDENTITY,
        [Bytes] varbinary(max) NOT NULL,
        [ContentType] nvarchar(40) NOT NULL,
        [Width] int NOT NULL,
        [Height] int NOT NULL,
        [AltText] nvarchar(1000) NOT NULL,
        [UploadedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_ContentImages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ContentImages_People_UploadedById] FOREIGN KEY ([UploadedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010943_ContentImages'
)
BEGIN
    CREATE INDEX [IX_ContentImages_UploadedById] ON [ContentImages] ([UploadedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201010943_ContentImages'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201010943_ContentImages', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201012501_AnswerSearchTitles'
)
BEGIN
    UPDATE s SET s.[Title] = N'Answer to: ' + q.[Title] FROM [SearchIndex] s JOIN [Questions] q ON q.[Id] = s.[ParentId] WHERE s.[Kind] = 3 AND (s.[Title] IS NULL OR s.[Title] = N'');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201012501_AnswerSearchTitles'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201012501_AnswerSearchTitles', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014432_ArticleListIndex'
)
BEGIN
    CREATE INDEX [IX_Articles_Status_UpdatedAt_Id] ON [Articles] ([Status], [UpdatedAt], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014432_ArticleListIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201014432_ArticleListIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014824_ArticleReviewTaskMark'
)
BEGIN
    DROP INDEX [IX_Articles_Status_ReviewDueAt] ON [Articles];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014824_ArticleReviewTaskMark'
)
BEGIN
    ALTER TABLE [Articles] ADD [ReviewTaskFor] datetime2 NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014824_ArticleReviewTaskMark'
)
BEGIN
    CREATE INDEX [IX_Articles_Status_ReviewDueAt_ReviewTaskFor] ON [Articles] ([Status], [ReviewDueAt], [ReviewTaskFor]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201014824_ArticleReviewTaskMark'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201014824_ArticleReviewTaskMark', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201020224_MailOutbox'
)
BEGIN
    CREATE TABLE [NotificationPreferences] (
        [PersonId] int NOT NULL,
        [Category] nvarchar(40) NOT NULL,
        [Delivery] nvarchar(20) NOT NULL,
        CONSTRAINT [PK_NotificationPreferences] PRIMARY KEY ([PersonId], [Category]),
        CONSTRAINT [FK_NotificationPreferences_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201020224_MailOutbox'
)
BEGIN
    CREATE TABLE [OutboxMails] (
        [Id] bigint NOT NULL IDENTITY,
        [RecipientId] int NOT NULL,
        [ToAddress] nvarchar(320) NOT NULL,
        [Subject] nvarchar(300) NOT NULL,
        [TextBody] nvarchar(max) NOT NULL,
        [HtmlBody] nvarchar(max) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [NextAttemptAt] datetime2 NOT NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(1000) NULL,
        [SentAt] datetime2 NULL,
        [FailedAt] datetime2 NULL,
        [LeaseUntil] datetime2 NULL,
        [LeaseToken] uniqueidentifier NULL,
        [DigestDay] nvarchar(10) NULL,
        CONSTRAINT [PK_OutboxMails] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OutboxMails_People_RecipientId] FOREIGN KEY ([RecipientId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201020224_MailOutbox'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_OutboxMails_RecipientId_DigestDay] ON [OutboxMails] ([RecipientId], [DigestDay]) WHERE [DigestDay] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201020224_MailOutbox'
)
BEGIN
    CREATE INDEX [IX_OutboxMails_SentAt_FailedAt_NextAttemptAt] ON [OutboxMails] ([SentAt], [FailedAt], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201020224_MailOutbox'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201020224_MailOutbox', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    CREATE TABLE [PolicyUpdates] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(150) NOT NULL,
        [BodyMarkdown] nvarchar(max) NOT NULL,
        [BodyHtml] nvarchar(max) NOT NULL,
        [CourseId] int NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [Audience] nvarchar(500) NOT NULL,
        CONSTRAINT [PK_PolicyUpdates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PolicyUpdates_Courses_CourseId] FOREIGN KEY ([CourseId]) REFERENCES [Courses] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PolicyUpdates_People_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    CREATE TABLE [PolicyRecipients] (
        [PolicyUpdateId] int NOT NULL,
        [PersonId] int NOT NULL,
        [AcknowledgedAt] datetime2 NULL,
        [LastRemindedAt] datetime2 NULL,
        CONSTRAINT [PK_PolicyRecipients] PRIMARY KEY ([PolicyUpdateId], [PersonId]),
        CONSTRAINT [FK_PolicyRecipients_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PolicyRecipients_PolicyUpdates_PolicyUpdateId] FOREIGN KEY ([PolicyUpdateId]) REFERENCES [PolicyUpdates] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    CREATE INDEX [IX_PolicyRecipients_PersonId_AcknowledgedAt] ON [PolicyRecipients] ([PersonId], [AcknowledgedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    CREATE INDEX [IX_PolicyUpdates_CourseId] ON [PolicyUpdates] ([CourseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    CREATE INDEX [IX_PolicyUpdates_CreatedById] ON [PolicyUpdates] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201022045_PolicyUpdates'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201022045_PolicyUpdates', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [AreaOwners] (
        [ServiceAreaId] int NOT NULL,
        [PersonId] int NOT NULL,
        [AssignedById] int NOT NULL,
        [AssignedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_AreaOwners] PRIMARY KEY ([ServiceAreaId], [PersonId]),
        CONSTRAINT [FK_AreaOwners_People_AssignedById] FOREIGN KEY ([AssignedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_AreaOwners_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AreaOwners_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [Ideas] (
        [Id] int NOT NULL IDENTITY,
        [Title] nvarchar(150) NOT NULL,
        [Problem] nvarchar(4000) NOT NULL,
        [Proposal] nvarchar(4000) NOT NULL,
        [ServiceAreaId] int NOT NULL,
        [Status] nvarchar(20) NOT NULL,
        [StatusNote] nvarchar(1000) NULL,
        [StatusChangedAt] datetime2 NOT NULL,
        [DoneAt] datetime2 NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_Ideas] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Ideas_People_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Ideas_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [Insights] (
        [Id] int NOT NULL IDENTITY,
        [Text] nvarchar(500) NOT NULL,
        [Channel] nvarchar(20) NOT NULL,
        [ServiceAreaId] int NOT NULL,
        [Sentiment] nvarchar(20) NOT NULL,
        [ConversationId] int NULL,
        [CreatedById] int NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Insights] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Insights_Conversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [Conversations] ([Id]) ON DELETE SET NULL,
        CONSTRAINT [FK_Insights_People_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Insights_ServiceAreas_ServiceAreaId] FOREIGN KEY ([ServiceAreaId]) REFERENCES [ServiceAreas] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [IdeaComments] (
        [Id] int NOT NULL IDENTITY,
        [IdeaId] int NOT NULL,
        [AuthorId] int NOT NULL,
        [Text] nvarchar(2000) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdeaComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IdeaComments_Ideas_IdeaId] FOREIGN KEY ([IdeaId]) REFERENCES [Ideas] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_IdeaComments_People_AuthorId] FOREIGN KEY ([AuthorId]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [IdeaStatusChanges] (
        [Id] int NOT NULL IDENTITY,
        [IdeaId] int NOT NULL,
        [From] nvarchar(20) NOT NULL,
        [To] nvarchar(20) NOT NULL,
        [Note] nvarchar(1000) NULL,
        [ChangedById] int NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdeaStatusChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_IdeaStatusChanges_Ideas_IdeaId] FOREIGN KEY ([IdeaId]) REFERENCES [Ideas] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_IdeaStatusChanges_People_ChangedById] FOREIGN KEY ([ChangedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [IdeaSupports] (
        [IdeaId] int NOT NULL,
        [PersonId] int NOT NULL,
        [SupportedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdeaSupports] PRIMARY KEY ([IdeaId], [PersonId]),
        CONSTRAINT [FK_IdeaSupports_Ideas_IdeaId] FOREIGN KEY ([IdeaId]) REFERENCES [Ideas] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_IdeaSupports_People_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [People] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [IdeaEvidence] (
        [IdeaId] int NOT NULL,
        [InsightId] int NOT NULL,
        [LinkedById] int NOT NULL,
        [LinkedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_IdeaEvidence] PRIMARY KEY ([IdeaId], [InsightId]),
        CONSTRAINT [FK_IdeaEvidence_Ideas_IdeaId] FOREIGN KEY ([IdeaId]) REFERENCES [Ideas] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_IdeaEvidence_Insights_InsightId] FOREIGN KEY ([InsightId]) REFERENCES [Insights] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_IdeaEvidence_People_LinkedById] FOREIGN KEY ([LinkedById]) REFERENCES [People] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE TABLE [InsightThemes] (
        [InsightId] int NOT NULL,
        [Name] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_InsightThemes] PRIMARY KEY ([InsightId], [Name]),
        CONSTRAINT [FK_InsightThemes_Insights_InsightId] FOREIGN KEY ([InsightId]) REFERENCES [Insights] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_AreaOwners_AssignedById] ON [AreaOwners] ([AssignedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_AreaOwners_PersonId] ON [AreaOwners] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaComments_AuthorId] ON [IdeaComments] ([AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaComments_IdeaId_CreatedAt] ON [IdeaComments] ([IdeaId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaEvidence_InsightId] ON [IdeaEvidence] ([InsightId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaEvidence_LinkedById] ON [IdeaEvidence] ([LinkedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Ideas_CreatedById] ON [Ideas] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Ideas_ServiceAreaId_Status] ON [Ideas] ([ServiceAreaId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Ideas_Status_StatusChangedAt] ON [Ideas] ([Status], [StatusChangedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaStatusChanges_ChangedById] ON [IdeaStatusChanges] ([ChangedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaStatusChanges_IdeaId_ChangedAt] ON [IdeaStatusChanges] ([IdeaId], [ChangedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_IdeaSupports_PersonId] ON [IdeaSupports] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Insights_ConversationId] ON [Insights] ([ConversationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Insights_CreatedAt] ON [Insights] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Insights_CreatedById] ON [Insights] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_Insights_ServiceAreaId_CreatedAt] ON [Insights] ([ServiceAreaId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    CREATE INDEX [IX_InsightThemes_Name] ON [InsightThemes] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201034730_ListeningLoop'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201034730_ListeningLoop', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201040643_ContributionsOnProfile'
)
BEGIN
    ALTER TABLE [People] ADD [ShowContributions] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201040643_ContributionsOnProfile'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201040643_ContributionsOnProfile', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Ideas_CreatedAt] ON [Ideas] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Ideas_DoneAt] ON [Ideas] ([DoneAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Drafts_ApprovedAt] ON [Drafts] ([ApprovedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Drafts_CreatedAt_AuthorId] ON [Drafts] ([CreatedAt], [AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Articles_PublishedAt_ServiceAreaId] ON [Articles] ([PublishedAt], [ServiceAreaId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_ArticleRevisions_CreatedAt_AuthorId_Number_ArticleId] ON [ArticleRevisions] ([CreatedAt], [AuthorId], [Number], [ArticleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Answers_CreatedAt_AuthorId] ON [Answers] ([CreatedAt], [AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    CREATE INDEX [IX_Answers_QuestionId_CreatedAt_AuthorId] ON [Answers] ([QuestionId], [CreatedAt], [AuthorId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201042320_DashboardIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201042320_DashboardIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201061838_ScaleIndexes'
)
BEGIN
    DROP INDEX [IX_Questions_ServiceAreaId] ON [Questions];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201061838_ScaleIndexes'
)
BEGIN
    CREATE INDEX [IX_Questions_ServiceAreaId_AnswerCount_CreatedAt] ON [Questions] ([ServiceAreaId], [AnswerCount], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201061838_ScaleIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201061838_ScaleIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261201062508_SearchFacets'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261201062508_SearchFacets', N'10.0.15');
END;

COMMIT;
GO


-- Full-text language (British English by default; change 2057 to another LCID if needed)
IF EXISTS (SELECT 1 FROM sys.fulltext_index_columns WHERE object_id = OBJECT_ID(N'[SearchIndex]') AND language_id <> 2057)
BEGIN
    ALTER FULLTEXT INDEX ON [SearchIndex] DROP ([Title], [Body], [Tags]) WITH NO POPULATION;
    ALTER FULLTEXT INDEX ON [SearchIndex] ADD ([Title] LANGUAGE 2057, [Body] LANGUAGE 2057, [Tags] LANGUAGE 2057);
END;
GO
