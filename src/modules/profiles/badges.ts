import { type SQL, sql } from "drizzle-orm";
import { type Db, queryRows } from "../../db/client";
import type { ProfileUser } from "./schemas";

type Counted = "clips" | "comments" | "votes";

interface BadgeDefinition {
  id: string;
  name: string;
  description: string;
  icon: string;
  category: "contribution" | "community" | "milestone";
  /** Earned on the nth clip / comment / vote, or after an account age in days. */
  earnedBy: { counted: Counted; nth: number } | { accountAgeDays: number };
}

/** Badges are derived from activity on read (there is no awarded-badges table), so they can never drift. */
export const BADGES: BadgeDefinition[] = [
  {
    id: "first_clip",
    name: "First Clip",
    description: "Submitted a first clip",
    icon: "🎬",
    category: "contribution",
    earnedBy: { counted: "clips", nth: 1 },
  },
  {
    id: "ten_clips",
    name: "Curator",
    description: "Submitted 10 clips",
    icon: "🏆",
    category: "contribution",
    earnedBy: { counted: "clips", nth: 10 },
  },
  {
    id: "commenter",
    name: "Commenter",
    description: "Posted 10 comments",
    icon: "💬",
    category: "community",
    earnedBy: { counted: "comments", nth: 10 },
  },
  {
    id: "voter",
    name: "Voter",
    description: "Voted on 50 clips",
    icon: "👍",
    category: "community",
    earnedBy: { counted: "votes", nth: 50 },
  },
  {
    id: "veteran",
    name: "Veteran",
    description: "Member for a year",
    icon: "🎖️",
    category: "milestone",
    earnedBy: { accountAgeDays: 365 },
  },
];

/** When the user's nth clip, comment or vote happened (null when there are fewer). */
function nthActivityAt(userId: string, counted: Counted, nth: number): SQL {
  const user = sql`${userId}::uuid`;
  const skip = nth - 1;
  switch (counted) {
    case "clips":
      return sql`(select submitted_at from clips where submitted_by_user_id = ${user} and submitted_at is not null
        order by submitted_at offset ${skip} limit 1)`;
    case "comments":
      return sql`(select created_at from comments where user_id = ${user} and not is_removed
        order by created_at offset ${skip} limit 1)`;
    case "votes":
      return sql`(select created_at from votes where user_id = ${user} order by created_at offset ${skip} limit 1)`;
  }
}

export async function earnedBadges(db: Db, user: ProfileUser) {
  const counted = BADGES.filter((b) => "counted" in b.earnedBy);
  const pairs = counted.map((b) => {
    const rule = b.earnedBy as { counted: Counted; nth: number };
    return sql`${b.id}::text, ${nthActivityAt(user.id, rule.counted, rule.nth)}`;
  });
  const [row] = await queryRows<{ earned: Record<string, string | null> }>(
    db,
    sql`select json_build_object(${sql.join(pairs, sql`, `)}) as earned`,
  );
  const earned = typeof row?.earned === "string" ? JSON.parse(row.earned) : (row?.earned ?? {});

  return BADGES.flatMap((badge) => {
    const rule = badge.earnedBy;
    const awardedAt =
      "accountAgeDays" in rule
        ? new Date(user.createdAt.getTime() + rule.accountAgeDays * 86_400_000)
        : earned[badge.id]
          ? new Date(earned[badge.id])
          : undefined;
    if (!awardedAt || awardedAt.getTime() > Date.now()) return [];
    return [
      {
        id: `${user.id}:${badge.id}`,
        badge_id: badge.id,
        awarded_at: awardedAt.toISOString(),
        awarded_by: null,
        name: badge.name,
        description: badge.description,
        icon: badge.icon,
        category: badge.category,
      },
    ];
  });
}
