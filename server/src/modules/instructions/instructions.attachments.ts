/** A unit's reply to an instruction owns its files: readable with the instruction, added by the unit while the reply waits. */
import { canReadInstruction } from '@kpc/domain';
import { registerAttachmentOwner } from '../attachments/owners.js';
import { findInstruction, findReply, type InstructionRecord, type InstructionReplyRow } from './instructions.repository.js';

interface ReplyOwner {
  reply: InstructionReplyRow;
  record: InstructionRecord;
}

registerAttachmentOwner<ReplyOwner>({
  entity: 'instruction_reply',
  path: 'instruction-replies',
  summary: '批示回复附件 Files of a reply to a leader instruction',
  load: async (ctx, id) => {
    const reply = await findReply(ctx.db, id);
    const record = reply && (await findInstruction(ctx.db, reply.instructionId));
    return reply && record ? { reply, record } : null;
  },
  regionOf: (o) => o.record.instruction.regionCode,
  canRead: (actor, o) => canReadInstruction(actor, o.record.instruction, o.record.project),
  canUpload: (actor, o) =>
    actor.roles.includes('unit') && actor.unitId === o.record.instruction.unitId && o.reply.outcome === 'pending',
});
