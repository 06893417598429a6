import { eq, or } from 'drizzle-orm';
import type { z } from 'zod';
import type { changePasswordBody, loginBody } from '../../../shared/schemas/auth';
import { normaliseMobile } from '../../../shared/validators/mobile';
import type { Config } from '../../config';
import type { Ctx, RequestMeta } from '../../context';
import type { Db } from '../../db/client';
import { AppError } from '../../plugins/errors';
import { accounts } from '../accounts/accounts.tables';
import { accountTarget, appendAudit, audit } from '../audit/audit.service';
import { hashPassword, verifyPassword } from './passwords';
import { hitRateLimit } from './rate-limit';
import { createSession, endAccountSessions } from './sessions';

interface LoginDeps {
  db: Db;
  config: Config;
  now: Date;
  meta: RequestMeta;
}

/**
 * Checks a username (or mobile number) and password. Rate-limited per account and per IP; five
 * failures in a row lock the account for 15 minutes. Every attempt is audited.
 */
export async function login(deps: LoginDeps, input: z.output<typeof loginBody>) {
  const { db, config, now, meta } = deps;
  const name = input.username.trim().toLowerCase();
  const withinIp = await hitRateLimit(
    db,
    `login:ip:${meta.ip}`,
    config.loginLimitPerIp,
    config.loginLimitWindowSeconds,
    now,
  );
  const withinAccount = await hitRateLimit(
    db,
    `login:user:${name}`,
    config.loginLimitPerAccount,
    config.loginLimitWindowSeconds,
    now,
  );
  if (!withinIp || !withinAccount) throw new AppError('common/rate_limited', undefined, '登录尝试过于频繁，请稍后再试');

  const mobile = normaliseMobile(name);
  const [account] = await db
    .select()
    .from(accounts)
    .where(mobile ? or(eq(accounts.username, name), eq(accounts.mobile, mobile)) : eq(accounts.username, name))
    .limit(1);
  const who = {
    actor: account ? { accountId: account.id, displayName: account.displayName } : null,
    grant: null,
    meta,
    at: now,
  };
  const recordFailure = (reason: string) =>
    appendAudit(db, who, {
      action: 'auth.login_failed',
      result: 'failure',
      ...(account ? accountTarget(account) : {}),
      details: { username: name, reason },
    });

  if (account?.lockedUntil && account.lockedUntil > now) {
    const minutes = Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 60_000);
    await recordFailure('locked_out');
    throw new AppError(
      'auth/account_locked',
      { minutes },
      `密码连续错误次数过多，账号已锁定，请 ${minutes} 分钟后再试`,
    );
  }
  const ok = await verifyPassword(account?.passwordHash ?? null, input.password);
  if (!account) {
    await recordFailure('unknown_user');
    throw new AppError('auth/invalid_credentials');
  }
  if (!ok) {
    const failures = account.failedAttempts + 1;
    const lock = failures >= config.lockoutFailures;
    await db
      .update(accounts)
      .set(
        lock
          ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + config.lockoutMinutes * 60_000) }
          : { failedAttempts: failures },
      )
      .where(eq(accounts.id, account.id));
    if (lock) {
      await appendAudit(db, who, {
        action: 'auth.locked_out',
        result: 'failure',
        ...accountTarget(account),
        details: { failures },
      });
      throw new AppError(
        'auth/account_locked',
        { minutes: config.lockoutMinutes },
        `密码连续错误 ${failures} 次，账号已锁定 ${config.lockoutMinutes} 分钟`,
      );
    }
    const left = config.lockoutFailures - failures;
    await recordFailure('wrong_password');
    throw new AppError(
      'auth/invalid_credentials',
      { attemptsLeft: left },
      `用户名或密码错误，再错 ${left} 次账号将被锁定`,
    );
  }
  if (account.status !== 'active') {
    await recordFailure('disabled');
    throw new AppError('auth/account_disabled');
  }

  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(eq(accounts.id, account.id));
    const session = await createSession(tx, account.id, meta, now, config);
    await appendAudit(tx, who, {
      action: 'auth.login',
      ...accountTarget(account),
    });
    return { session, mustChangePassword: account.mustChangePassword };
  });
}

/** Changes the caller's own password and ends their other sessions. */
export async function changePassword(ctx: Ctx, input: z.output<typeof changePasswordBody>) {
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.id, ctx.actor.accountId));
  if (!account) throw new AppError('auth/unauthenticated');
  if (!(await verifyPassword(account.passwordHash, input.currentPassword))) throw new AppError('auth/wrong_password');
  if (input.currentPassword === input.newPassword) throw new AppError('auth/same_password');
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: ctx.now, updatedAt: ctx.now })
      .where(eq(accounts.id, account.id));
    const ended = await endAccountSessions(tx, account.id, ctx.now, 'password_changed', ctx.actor.session.publicId);
    await audit(
      { ...ctx, db: tx },
      {
        action: 'auth.password_change',
        ...accountTarget(account),
        details: { otherSessionsEnded: ended },
      },
    );
  });
}
