using Microsoft.EntityFrameworkCore;
using StaffVoice.Web.Features.Knowledge;
using StaffVoice.Web.Security;

namespace StaffVoice.Web.Data;

public static partial class DemoData
{
    private static readonly (string Department, string[] Areas)[] ServiceAreas =
    [
        ("Housing", ["Council housing repairs", "Homelessness advice", "Housing register"]),
        ("Waste & Recycling", ["Bin collections", "Bulky waste collection", "Recycling centres"]),
        ("Transport", ["Parking permits", "Concessionary travel", "Roads and potholes"]),
        ("Benefits", ["Council Tax Support", "Housing Benefit", "Discretionary payments"]),
        ("Licensing", ["Taxi licensing", "Premises licences", "Street trading"]),
    ];

    private static readonly (string Email, string[] Areas)[] Experts =
    [
        ("omar.haddad@example.org", ["Council housing repairs"]),
        ("grace.adeyemi@example.org", ["Homelessness advice", "Housing register"]),
        ("employee@example.org", ["Housing register"]),
        ("aisha.rahman@example.org", ["Bulky waste collection", "Recycling centres"]),
        ("nina.petrova@example.org", ["Bin collections"]),
        ("elena.rossi@example.org", ["Parking permits"]),
        ("hannah.brooks@example.org", ["Concessionary travel"]),
        ("ravi.patel@example.org", ["Roads and potholes"]),
        ("lucas.silva@example.org", ["Council Tax Support"]),
        ("maya.johnson@example.org", ["Housing Benefit"]),
        ("owen.price@example.org", ["Discretionary payments"]),
        ("daniel.kim@example.org", ["Taxi licensing"]),
        ("chloe.martin@example.org", ["Premises licences"]),
        ("yusuf.demir@example.org", ["Street trading"]),
    ];

    // (owner, area, title, tags, body, months since last verified)
    private static readonly (string Owner, string Area, string Title, string Tags, string Body, int VerifiedMonthsAgo)[] Articles =
    [
        ("aisha.rahman@example.org", "Bulky waste collection", "How to book a bulky waste collection", "bulky-waste booking",
            "Residents book online or by phone. Up to **six items** per collection; the fee is £35 for the first three items and £8 for each extra item.\n\n1. Check the item is accepted (no building rubble, no asbestos).\n2. Book a date: the earliest slot is usually 5 working days away.\n3. Items go out by 7am on the day, on the property boundary.\n\nPeople on Council Tax Support get a 50% concession: tick the box when booking.", 1),
        ("aisha.rahman@example.org", "Bulky waste collection", "What we cannot collect as bulky waste", "bulky-waste",
            "We do **not** collect: building rubble, plasterboard, tyres, gas bottles, asbestos, garden waste in bulk, or commercial waste.\n\nPoint residents to the recycling centres for tyres and plasterboard (small charges apply), and to licensed carriers for asbestos.", 2),
        ("nina.petrova@example.org", "Bin collections", "Missed bin collections: what to tell residents", "missed-bin collections",
            "If a bin was out by 7am and missed, log it on the same or next working day. Crews return within **two working days**.\n\nIf the street was blocked (parked cars, roadworks) the crew logs it and we return the next day without a report. Check the crew log in the collections system before promising a return.", 3),
        ("nina.petrova@example.org", "Bin collections", "Christmas and New Year collection changes", "collections holidays",
            "Collections move back by one day for each bank holiday in the week. Garden waste stops for two weeks over Christmas. Real Christmas trees are collected in the first two full weeks of January if cut into pieces under one metre.", 11),
        ("ben.carter@example.org", "Recycling centres", "Recycling centre opening hours and van permits", "recycling-centres permits",
            "Both centres open 8am–6pm April to September and 8am–4pm October to March. Vans and trailers need a free permit (12 visits a year), booked online. Commercial waste is not accepted.", 8),
        ("ben.carter@example.org", "Bin collections", "Which plastics go in the recycling bin", "recycling plastics",
            "Yes: bottles, pots, tubs and trays, rinsed. No: plastic bags and film, polystyrene, black plastic trays (the sorting machines cannot see them). Lids back on bottles.", 2),
        ("omar.haddad@example.org", "Council housing repairs", "Emergency repairs: what counts and how fast we attend", "repairs emergency",
            "Emergency repairs are attended within **4 hours**: total loss of water, gas leaks (also call the national gas emergency line), unsafe electrics, flooding, insecure external doors.\n\nUrgent repairs within 3 working days; routine repairs within 20 working days.", 1),
        ("omar.haddad@example.org", "Council housing repairs", "Damp and mould reports", "damp-mould repairs",
            "Every damp or mould report gets an inspection within **10 working days**, sooner if there is a child under five or someone with a respiratory condition. Do not tell tenants it is 'lifestyle': log it, book the inspection, and give the ventilation leaflet as well, not instead.", 0),
        ("grace.adeyemi@example.org", "Homelessness advice", "Someone says they will be homeless tonight", "homelessness emergency",
            "Take their name and where they are now, then transfer to the homelessness duty officer (extension 4410, 24 hours through the out-of-hours line). Never tell them to come back tomorrow. If they are rough sleeping, also refer to the outreach team.", 2),
        ("grace.adeyemi@example.org", "Housing register", "Housing register bands explained", "housing-register bands",
            "Band A: urgent medical need, statutory overcrowding, or leaving care. Band B: homeless households owed the main duty, or serious disrepair. Band C: everyone else with a housing need. Waiting times are published every quarter on the council website.", 7),
        ("employee@example.org", "Housing register", "Changes of circumstance on a housing register application", "housing-register",
            "Applicants must tell us about a new baby, a change of address, income changes, or a new medical condition. Changes are assessed within 20 working days; the effective date for the band is the date we were told.", 4),
        ("elena.rossi@example.org", "Parking permits", "Resident parking permits: who qualifies", "parking permits",
            "One permit per vehicle registered at the address, up to three per household. Proof: V5C logbook and proof of address dated within three months. Permits are digital: no paper in the windscreen.", 5),
        ("elena.rossi@example.org", "Parking permits", "Visitor parking vouchers", "parking visitors",
            "Residents in a zone can buy 50 visitor sessions a year. Sessions are activated online with the visitor's registration; they last up to four hours each.", 9),
        ("hannah.brooks@example.org", "Concessionary travel", "Older person's bus pass: eligibility and renewals", "bus-pass concessionary",
            "People reach eligibility at state pension age. Passes last five years; we send a renewal reminder eight weeks before expiry. Travel is free after 9:30am on weekdays and all day at weekends.", 3),
        ("hannah.brooks@example.org", "Concessionary travel", "Disabled person's bus pass", "bus-pass disability",
            "Eligible groups include people who are blind or partially sighted, profoundly deaf, without speech, or who receive the higher mobility rate of PIP. A companion pass is available where the person cannot travel alone.", 6),
        ("ravi.patel@example.org", "Roads and potholes", "How we decide which potholes to repair first", "potholes roads",
            "Defects 40mm deep or more on busy roads are made safe within 24 hours. Others are risk-assessed: depth, location, traffic and whether it is on a cycle route. Residents can report online with a photo.", 2),
        ("kwame.mensah@example.org", "Roads and potholes", "School crossing patrols", "road-safety schools",
            "Patrols are funded where traffic and pedestrian counts meet the national criteria. Requests go to the road safety team, who count at the site for a week before deciding.", 14),
        ("lucas.silva@example.org", "Council Tax Support", "Who can get Council Tax Support", "council-tax support",
            "Working-age residents on a low income can get up to 80% off; pension-age residents up to 100%. Savings over £16,000 rule out working-age claims. Claims are backdated up to one month.", 1),
        ("lucas.silva@example.org", "Council Tax Support", "Single person discount", "council-tax discounts",
            "An adult who lives alone gets 25% off. Students, carers and some others are 'disregarded' and do not count as adults. A review letter goes out every two years.", 8),
        ("maya.johnson@example.org", "Housing Benefit", "Housing Benefit for people in supported housing", "housing-benefit supported-housing",
            "New Housing Benefit claims are only for people of pension age or in supported, temporary or sheltered accommodation; others claim Universal Credit for housing costs.", 2),
        ("owen.price@example.org", "Discretionary payments", "Discretionary Housing Payments", "dhp",
            "A short-term top-up for people getting Housing Benefit or the housing part of Universal Credit who cannot meet their rent. Awards are usually for 13 or 26 weeks, and we ask what will change in that time.", 4),
        ("fatima.zahra@example.org", "Council Tax Support", "Helping residents with council tax arrears", "arrears debt-advice",
            "Offer an arrangement over the rest of the year before any court action. Refer to the welfare rights team for a benefits check: one in three people we refer were missing an entitlement.", 3),
        ("daniel.kim@example.org", "Taxi licensing", "Becoming a licensed taxi driver", "taxi-licensing",
            "Applicants need: an enhanced DBS check, a Group 2 medical, a knowledge test, safeguarding training and three years of full driving licence. Processing takes about eight weeks once everything is in.", 2),
        ("daniel.kim@example.org", "Taxi licensing", "Complaints about a taxi or private hire driver", "taxi-licensing complaints",
            "Take the badge number or vehicle plate, date, time and place. Safety complaints are passed to the licensing enforcement officer the same day.", 10),
        ("chloe.martin@example.org", "Premises licences", "Temporary event notices", "events licensing",
            "A TEN covers events with up to 499 people for up to 168 hours. Standard notices need ten working days; late notices five. Police and environmental health may object.", 1),
        ("yusuf.demir@example.org", "Street trading", "Street trading consents", "street-trading",
            "Traders need a consent for each pitch. Annual consents are renewed each April; day consents are available for markets and events. Food traders must also be registered with environmental health.", 5),
    ];

    private static readonly (string Asker, string Area, string Title, string Body, string Tags, (string Author, string Body)[] Answers, int? Accepted)[] Questions =
    [
        ("george.mills@example.org", "Bulky waste collection", "Can residents book a bulky collection for a neighbour?",
            "A resident wants to book and pay for an elderly neighbour's sofa collection. Is that allowed?", "bulky-waste",
            [("aisha.rahman@example.org", "Yes. Book it at the neighbour's address and put the payer's name in the notes. The concession only applies if the *neighbour* gets Council Tax Support."),
             ("nina.petrova@example.org", "Also remind them the items must be on the neighbour's boundary, not the payer's.")], 0),
        ("employee@example.org", "Council housing repairs", "How long do we have to fix a broken boiler in winter?",
            "A tenant with a newborn has no heating. Is this an emergency repair?", "repairs heating",
            [("omar.haddad@example.org", "Total loss of heating between October and April is an **emergency** when there is a child under five or someone vulnerable: 4 hours. Otherwise it is urgent: 24 hours, and we lend heaters.")], 0),
        ("liam.oconnor@example.org", "Housing register", "Do applicants lose their band date when they move within the borough?",
            "", "housing-register",
            [("grace.adeyemi@example.org", "No, the band date stays the same unless the band itself changes. Update the address and reassess only if their need changed.")], null),
        ("george.mills@example.org", "Bin collections", "Who replaces a bin the crew damaged?", "A resident says the lorry broke the lid.", "bins",
            [("nina.petrova@example.org", "We replace bins damaged by crews free of charge. Log it as crew damage; a replacement arrives within 10 working days.")], 0),
        ("maya.johnson@example.org", "Parking permits", "Can a carer get a parking permit for a client's address?", "", "parking carers",
            [], null),
        ("isla.fraser@example.org", "Premises licences", "Does a community fundraiser with a raffle need a licence?",
            "A church hall event will sell raffle tickets and serve tea.", "events",
            [("chloe.martin@example.org", "A raffle held as part of the event (an 'incidental lottery') needs no licence if tickets are sold only at the event. Tea and cake need nothing; alcohol would need a TEN.")], 0),
        ("omar.haddad@example.org", "Council Tax Support", "Is Council Tax Support backdated for people who were in hospital?",
            "A tenant could not claim because they were in hospital for three months.", "council-tax support",
            [("lucas.silva@example.org", "We can backdate beyond one month where there was good cause, and a hospital stay usually is. Ask for the admission and discharge dates.")], null),
        ("ben.carter@example.org", "Recycling centres", "Can residents take asbestos to the recycling centre?", "", "recycling-centres asbestos",
            [], null),
        ("kwame.mensah@example.org", "Concessionary travel", "Can a bus pass be used on trams?", "", "bus-pass",
            [("hannah.brooks@example.org", "Not on the national scheme; our local top-up allows tram travel after 9:30am for residents of the city only.")], null),
        ("sofia.lindqvist@example.org", "Taxi licensing", "Do drivers have to renew safeguarding training?", "", "taxi-licensing safeguarding",
            [("daniel.kim@example.org", "Yes, every three years, at the same time as their DBS renewal.")], 0),
        ("dana.kowalski@example.org", "Homelessness advice", "Who do we call if a tenant is being illegally evicted tonight?",
            "Private tenant, landlord has changed the locks.", "homelessness eviction",
            [("grace.adeyemi@example.org", "Call the tenancy relations officer (through the out-of-hours line after 5pm) and the police: illegal eviction is a criminal offence. Open a homelessness case as well.")], 0),
        ("owen.price@example.org", "Roads and potholes", "Can residents claim for pothole damage to their car?", "", "potholes claims",
            [], null),
    ];

    private static async Task SeedKnowledgeAsync(StaffVoiceDb db, DateTime now, CancellationToken ct)
    {
        if (await db.ServiceAreas.AnyAsync(ct)) return;
        var markdown = new SafeMarkdown();
        var departments = await db.Departments.ToDictionaryAsync(d => d.Name, ct);
        var people = await db.People.ToDictionaryAsync(p => p.Email, p => p.Id, ct);
        var areas = ServiceAreas.SelectMany(d => d.Areas.Select(a => new ServiceArea { Name = a, DepartmentId = departments[d.Department].Id }))
            .ToDictionary(a => a.Name);
        db.ServiceAreas.AddRange(areas.Values);
        await db.SaveChangesAsync(ct);

        // The demo's experts were confirmed by the administrator; Alex's claim on parking permits waits for confirmation.
        people.TryGetValue("admin@example.org", out var admin);
        db.Expertise.AddRange(Experts.Where(e => people.ContainsKey(e.Email))
            .SelectMany(e => e.Areas.Select(a => new Expertise
            {
                PersonId = people[e.Email], ServiceAreaId = areas[a].Id, ConfirmedAt = now.AddDays(-30), ConfirmedById = admin == 0 ? null : admin,
            })));
        if (people.TryGetValue("employee@example.org", out var alex) && areas.TryGetValue("Parking permits", out var parking)
            && !Experts.Any(e => e.Email == "employee@example.org" && e.Areas.Contains("Parking permits")))
        {
            db.Expertise.Add(new Expertise { PersonId = alex, ServiceAreaId = parking.Id });
        }

        var articles = new List<Article>();
        foreach (var seed in Articles)
        {
            var verified = now.AddMonths(-seed.VerifiedMonthsAgo).AddDays(-3);
            var tags = KnowledgeRules.ParseTags(seed.Tags);
            var article = new Article
            {
                Title = seed.Title,
                BodyMarkdown = seed.Body,
                BodyHtml = markdown.ToHtml(seed.Body),
                ServiceAreaId = areas[seed.Area].Id,
                OwnerId = people[seed.Owner],
                Status = ArticleStatus.Published,
                Tags = tags.Select(t => new ArticleTag { Name = t }).ToList(),
                LastVerifiedAt = verified,
                ReviewIntervalMonths = 6,
                ReviewDueAt = verified.AddMonths(6),
                RevisionCount = 1,
                PublishedAt = verified,
                ViewCount = (seed.Title.Length * 7) % 90,
            };
            articles.Add(article);
        }
        db.Articles.AddRange(articles);
        await db.SaveChangesAsync(ct);
        db.ArticleRevisions.AddRange(articles.Select(a => new ArticleRevision
        {
            ArticleId = a.Id, Number = 1, Title = a.Title, BodyMarkdown = a.BodyMarkdown, Summary = "Created",
            Tags = string.Join(" ", a.Tags.Select(t => t.Name)), AuthorId = a.OwnerId, CreatedAt = a.LastVerifiedAt,
        }));
        db.ArticleVotes.AddRange(articles.Take(8).SelectMany((a, i) => people.Values.Where(p => p != a.OwnerId).Take(3 + i % 3)
            .Select((p, j) => new ArticleVote { ArticleId = a.Id, PersonId = p, Helpful = j != 2 })));
        await db.SaveChangesAsync(ct);
        foreach (var article in articles)
        {
            await SearchIndex.UpsertAsync(db, SearchDocuments.For(article), ct);
        }

        foreach (var seed in Questions)
        {
            var question = new Question
            {
                Title = seed.Title,
                BodyMarkdown = seed.Body,
                BodyHtml = markdown.ToHtml(seed.Body),
                ServiceAreaId = areas[seed.Area].Id,
                AskerId = people[seed.Asker],
                Tags = KnowledgeRules.ParseTags(seed.Tags).Select(t => new QuestionTag { Name = t }).ToList(),
                AnswerCount = seed.Answers.Length,
            };
            db.Questions.Add(question);
            await db.SaveChangesAsync(ct);
            var answers = seed.Answers.Select(a => new Answer
            {
                QuestionId = question.Id, AuthorId = people[a.Author], BodyMarkdown = a.Body, BodyHtml = markdown.ToHtml(a.Body),
            }).ToList();
            db.Answers.AddRange(answers);
            await db.SaveChangesAsync(ct);
            if (seed.Accepted is { } accepted) question.AcceptedAnswerId = answers[accepted].Id;
            await db.SaveChangesAsync(ct);
            await SearchIndex.UpsertAsync(db, SearchDocuments.For(question), ct);
            foreach (var answer in answers) await SearchIndex.UpsertAsync(db, SearchDocuments.For(answer, question.ServiceAreaId, question.Title), ct);
        }
    }
}
