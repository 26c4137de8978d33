import { expect } from 'chai';
import mongoose, { Types } from 'mongoose';
import { ManualClock } from '../../src/platform/clock';
import { JOBS_COLLECTION } from '../../src/platform/jobs/agenda';
import { Delivery, Notification, SEND_EMAIL_JOB } from '../../src/modules/notifications';
import { buildApp } from '../support/harness';

const DAY = 24 * 3600 * 1000;

describe('notification housekeeping (in place of TTL indexes)', () => {
  it('prunes read or hidden notices whose email is settled, old ledger rows and finished email jobs, and keeps the rest', async () => {
    const clock = new ManualClock();
    const { services } = buildApp({ clock });
    const now = clock.now().getTime();
    const ago = (days: number) => new Date(now - days * DAY);
    const user = new Types.ObjectId();
    const raw = Notification.collection;
    await raw.insertMany([
      { key: 'old-read-sent', kind: 'enrolled', user, params: {}, readAt: ago(190), createdAt: ago(200), email: { status: 'sent' } },
      { key: 'old-unread-sent', kind: 'enrolled', user, params: {}, createdAt: ago(200), email: { status: 'sent' } },
      { key: 'old-read-pending', kind: 'enrolled', user, params: {}, readAt: ago(190), createdAt: ago(200), email: { status: 'pending' } },
      { key: 'recent-read-sent', kind: 'enrolled', user, params: {}, readAt: ago(5), createdAt: ago(10), email: { status: 'sent' } },
      { key: 'hidden-old', kind: 'password-reset', user, params: {}, hidden: true, createdAt: ago(40), email: { status: 'sent' } },
      { key: 'hidden-new', kind: 'password-reset', user, params: {}, hidden: true, createdAt: ago(2), email: { status: 'sent' } },
    ]);
    await Delivery.collection.insertMany([
      { _id: 'a#0' as never, notification: user, gen: 0, owner: 'x', state: 'submitting', leaseUntil: ago(40), createdAt: ago(40) },
      { _id: 'b#0' as never, notification: user, gen: 0, owner: 'x', state: 'submitting', leaseUntil: ago(1), createdAt: ago(1) },
    ]);
    const jobs = mongoose.connection.collection(JOBS_COLLECTION);
    await jobs.insertMany([
      { name: SEND_EMAIL_JOB, data: { id: 'old' }, nextRunAt: null, lockedAt: null, lastFinishedAt: ago(40) },
      { name: SEND_EMAIL_JOB, data: { id: 'failed-recently' }, nextRunAt: null, lockedAt: null, failedAt: ago(3) },
      { name: SEND_EMAIL_JOB, data: { id: 'queued' }, nextRunAt: ago(0), lockedAt: null },
    ]);

    expect(await services.notifications.housekeeping.prune()).to.deep.equal({ notices: 2, ledger: 1, jobs: 1 });
    expect((await Notification.find({}, { key: 1 }).lean()).map((n) => n.key).sort()).to.deep.equal(['hidden-new', 'old-read-pending', 'old-unread-sent', 'recent-read-sent']);
    expect((await Delivery.find({}, { _id: 1 }).lean()).map((d) => d._id)).to.deep.equal(['b#0']);
    expect((await jobs.find().toArray()).map((j) => (j.data as { id: string }).id).sort()).to.deep.equal(['failed-recently', 'queued']);
  });
});
