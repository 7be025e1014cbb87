import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { newArbMessage } from '../../../lib/engine/messages';
import { MAX_SUBJECT_CHARS, NotifyFailed, SnsNotifier, snsSubject } from '../../../lib/notify/sns';

const TOPIC = 'arn:aws:sns:us-east-1:123456789012:polymix-alerts';
const sns = mockClient(SNSClient);
beforeEach(() => sns.reset());

describe('SnsNotifier', () => {
  it('publishes subject, text and severity to the topic', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
    const message = newArbMessage({
      mode: 'paper',
      title: 'Lakers vs Celtics',
      league: 'NBA',
      type: 'Kalshi LAL YES + Polymarket BOS',
      expectedProfitMicros: 350_000,
      roiPpm: 36_269,
      costMicros: 9_650_000,
      atMs: Date.UTC(2026, 10, 24, 12),
    });
    await new SnsNotifier(new SNSClient({ region: 'us-east-1' }), TOPIC).notify(message);
    const calls = sns.commandCalls(PublishCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      TopicArn: TOPIC,
      Subject: '📄 PAPER 💰 New Arb: Lakers vs Celtics',
      Message: message.text,
      MessageAttributes: { severity: { DataType: 'String', StringValue: 'info' } },
    });
  });

  it('reports a failed publish by error name only, never the SDK message', async () => {
    const err = Object.assign(new Error('User arn:aws:iam::123456789012:user/x is not authorized; token abc'), {
      name: 'AuthorizationErrorException',
    });
    sns.on(PublishCommand).rejects(err);
    const out = await new SnsNotifier(new SNSClient({ region: 'us-east-1' }), TOPIC)
      .notify({ subject: 's', text: 't', severity: 'critical' })
      .catch((e: unknown) => e);
    expect(out).toBeInstanceOf(NotifyFailed);
    expect((out as Error).message).toBe('SNS publish failed (AuthorizationErrorException)');
  });
});

describe('snsSubject', () => {
  it("keeps subjects on one line, without control characters, under SNS's 100-character limit", () => {
    expect(snsSubject('a\nb\tc\u0000d')).toBe('a b c d');
    const long = snsSubject(`🔴 LIVE ${'Very Long Team Name '.repeat(10)}`);
    expect([...long].length).toBeLessThanOrEqual(MAX_SUBJECT_CHARS);
    expect(long.endsWith('…')).toBe(true);
    // Never cuts an emoji in half (no lone surrogate).
    expect(snsSubject('💰'.repeat(200))).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(snsSubject('   ')).toBe('PolyMix');
  });
});
