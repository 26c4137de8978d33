import { expect } from 'chai';
import { Types, trusted } from 'mongoose';
import { ManualClock } from '../../src/platform/clock';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import { Notification } from '../../src/modules/notifications';
import { rebuildInbox } from '../../src/modules/notifications/inbox.read-model';
import { buildApp } from '../support/harness';
import { accountWorker, recordWorker } from '../support/notifications-factories';

const DAY = 24 * 3600 * 1000;

/**
 * The inbox read model (`unread:<recipient>`, `inbox:<recipient>`) must equal a fresh count of the
 * notices after every kind of write: a new notice (to an account or a worker record), a hidden one,
 * mark one read, mark all read, housekeeping, and parallel mark-read with new notices.
 */
describe('notification read models (header count, inbox)', () => {
  async function setup() {
    const clock = new ManualClock('2026-12-01T02:00:00Z');
    const { services } = buildApp({ clock });
    const notices = services.notifications.service;
    // A worker whose worker record got notices before the account existed, and who has an account now.
    const linked = await accountWorker({ email: 'budi@takaru.test' });
    const actor = { id: String(linked.user._id), roles: ['worker'] };
    const other = await recordWorker({ email: 'siti@takaru.test' });
    return { clock, services, notices, linked, actor, other };
  }

  /** What the source says, by a scan: the reference the read model must equal. */
  async function fresh(user: Types.ObjectId, worker?: Types.ObjectId) {
    const or: Record<string, unknown>[] = [{ user }];
    if (worker) or.push({ worker });
    const rows = await Notification.find({ $or: or, hidden: trusted({ $ne: true }) }, { readAt: 1, createdAt: 1 }).sort({ createdAt: -1, _id: -1 }).lean();
    return { unread: rows.filter((n) => !n.readAt).length, ids: rows.map((n) => String(n._id)) };
  }

  async function expectInSync(ctx: Awaited<ReturnType<typeof setup>>, label: string) {
    const want = await fresh(ctx.linked.user._id, ctx.linked.worker._id);
    expect(await ctx.notices.unreadCount(ctx.actor), `${label}: unreadCount`).to.equal(want.unread);
    // The header's count is stored, not counted: the documents themselves must hold it.
    const [mine, record] = await Promise.all([
      ReadModelDoc.findById(`unread:u:${String(ctx.linked.user._id)}`).lean(),
      ReadModelDoc.findById(`unread:w:${String(ctx.linked.worker._id)}`).lean(),
    ]);
    const stored = ((mine?.data as { count?: number } | undefined)?.count ?? -1) + ((record?.data as { count?: number } | undefined)?.count ?? 0);
    expect(stored, `${label}: stored count`).to.equal(want.unread);
    const listed: string[] = [];
    for (let page = 1; ; page++) {
      const inbox = await ctx.notices.listInbox(ctx.actor, page);
      listed.push(...inbox.items.map((i) => i.id));
      if (page >= inbox.pages) break;
    }
    expect(listed, `${label}: inbox`).to.deep.equal(want.ids);
  }

  it('keeps the unread count and the inbox equal to the notices after every kind of write', async () => {
    const ctx = await setup();
    const { notices, clock, linked, other } = ctx;
    await notices.notifyWorkers([String(linked.worker._id)], { key: 'first', kind: 'enrolled', params: {} });
    // Addressed to the worker record directly (recorded before the account was linked).
    const early = await Notification.create({ key: 'early', kind: 'enrolled', worker: linked.worker._id, params: {} });
    await ctx.services.notifications.service.notifyWorkers([String(other._id)], { key: 'other', kind: 'enrolled', params: {} });
    // The document for the worker record was missing, so the first read builds it from the source.
    await expectInSync(ctx, 'after new notices');

    await notices.notifyUser(String(linked.user._id), { key: 'hidden', kind: 'password-reset', params: {}, secret: 'token' });
    await expectInSync(ctx, 'after a hidden notice');

    for (let i = 0; i < 35; i++) {
      clock.advance(60_000);
      await notices.notifyUser(String(linked.user._id), { key: `bulk-${i}`, kind: 'enrolled', params: {} });
    }
    await expectInSync(ctx, 'after a second page of notices');

    const page = await notices.listInbox(ctx.actor, 1);
    await notices.markRead(ctx.actor, page.items[3]!.id);
    await notices.markRead(ctx.actor, String(early._id));
    await expectInSync(ctx, 'after mark read');
    await notices.markRead(ctx.actor, page.items[3]!.id);
    await expectInSync(ctx, 'after marking the same notice read twice');

    await notices.markAllRead(ctx.actor);
    await expectInSync(ctx, 'after mark all read');
    expect(await notices.unreadCount(ctx.actor)).to.equal(0);

    await notices.notifyUser(String(linked.user._id), { key: 'after-all', kind: 'enrolled', params: {} });
    clock.advance(200 * DAY);
    await Notification.updateMany({ key: trusted(/^bulk-/) }, { $set: { createdAt: new Date(clock.now().getTime() - 190 * DAY), readAt: new Date(clock.now().getTime() - 190 * DAY), 'email.status': 'sent' } }, { timestamps: false });
    // The direct update above bypassed the service (as a migration would): rebuild, then prune.
    await rebuildInbox([`u:${String(linked.user._id)}`]);
    const pruned = await ctx.services.notifications.housekeeping.prune();
    expect(pruned.notices).to.be.greaterThan(30);
    await expectInSync(ctx, 'after housekeeping');
  });

  it('stays right when mark-read, mark-all-read and new notices run in parallel', async () => {
    const ctx = await setup();
    const { notices, linked } = ctx;
    for (let i = 0; i < 6; i++) await notices.notifyUser(String(linked.user._id), { key: `seed-${i}`, kind: 'enrolled', params: {} });
    const ids = (await notices.listInbox(ctx.actor, 1)).items.map((i) => i.id);
    await Promise.all([
      ...ids.slice(0, 4).map((id) => notices.markRead(ctx.actor, id)),
      ...Array.from({ length: 5 }, (_, i) => notices.notifyUser(String(linked.user._id), { key: `race-${i}`, kind: 'enrolled', params: {} })),
      notices.notifyWorkers([String(linked.worker._id)], { key: 'race-worker', kind: 'enrolled', params: {} }),
    ]);
    await expectInSync(ctx, 'after parallel mark-read and new notices');
    await Promise.all([notices.markAllRead(ctx.actor), notices.notifyUser(String(linked.user._id), { key: 'late', kind: 'enrolled', params: {} }), notices.markRead(ctx.actor, ids[5]!)]);
    await expectInSync(ctx, 'after parallel mark-all-read and a new notice');
  });

  it('refuses to mark another person\'s notice read, and an unknown id', async () => {
    const ctx = await setup();
    await ctx.notices.notifyWorkers([String(ctx.other._id)], { key: 'theirs', kind: 'enrolled', params: {} });
    const theirs = await Notification.findOne({ key: trusted(/^theirs/) }).lean();
    let err: unknown;
    await ctx.notices.markRead(ctx.actor, String(theirs!._id)).catch((e: unknown) => (err = e));
    expect((err as { kind?: string } | undefined)?.kind).to.equal('not_found');
    expect((await Notification.findById(theirs!._id).lean())!.readAt).to.equal(undefined);
    err = undefined;
    await ctx.notices.markRead(ctx.actor, String(new Types.ObjectId())).catch((e: unknown) => (err = e));
    expect((err as { kind?: string } | undefined)?.kind).to.equal('not_found');
  });
});
