import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { DraftPreview, VoicePreviewRequest, VoiceProfile } from '@caseyos/contracts';
import { Observable, Subject } from 'rxjs';
import { ToastService } from '../../core/toast/toast.service';
import { formOf } from './voice-form';
import { VoiceProfilesApiService } from './voice-profiles-api.service';
import { SAMPLE_CHOICES, VoiceProfilesStore, previewTargetOf } from './voice-profiles.store';

const profile = (id: string, overrides: Partial<VoiceProfile> = {}): VoiceProfile => ({
  id,
  name: `Profile ${id}`,
  tone_notes: '',
  greeting: 'Hi {first_name},',
  sign_off: 'Best,',
  length: 'medium',
  phrases_to_use: [],
  phrases_to_avoid: [],
  example_messages: [],
  is_default: false,
  domain: null,
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
  ...overrides,
});

const preview = (profileId: string, body: string): DraftPreview => ({
  kind: 'email',
  move_id: null,
  action_type: 'send_email',
  subject: 'Subject',
  body,
  provenance: { writer: 'template', profile: { id: profileId, name: profileId }, fallback: null, edited: false },
});

/** A fake API whose every call waits for the test to answer it. */
function pending<T>(calls: { args: unknown[]; answer: Subject<T> }[], ...args: unknown[]): Observable<T> {
  return new Observable<T>((subscriber) => {
    const call = { args, answer: new Subject<T>() };
    calls.push(call);
    return call.answer.subscribe(subscriber);
  });
}

describe('VoiceProfilesStore', () => {
  let lists: { args: unknown[]; answer: Subject<{ items: VoiceProfile[] }> }[];
  let writes: { args: unknown[]; answer: Subject<VoiceProfile> }[];
  let removes: { args: unknown[]; answer: Subject<void> }[];
  let previews: { args: unknown[]; answer: Subject<DraftPreview> }[];
  let store: VoiceProfilesStore;

  const answerList = (items: VoiceProfile[]) => {
    const call = lists.shift();
    call?.answer.next({ items });
    call?.answer.complete();
  };

  beforeEach(() => {
    lists = [];
    writes = [];
    removes = [];
    previews = [];
    TestBed.configureTestingModule({
      providers: [
        VoiceProfilesStore,
        { provide: ToastService, useValue: { success: jest.fn(), error: jest.fn() } },
        {
          provide: VoiceProfilesApiService,
          useValue: {
            list: () => pending(lists),
            create: (input: unknown) => pending(writes, 'create', input),
            update: (id: string, changes: unknown) => pending(writes, 'update', id, changes),
            remove: (id: string) => pending(removes, id),
            preview: (id: string, target: VoicePreviewRequest) => pending(previews, id, target),
          },
        },
      ],
    });
    store = TestBed.inject(VoiceProfilesStore);
  });

  it('creates a profile and selects it; an edit sends only the changed fields', () => {
    answerList([profile('default', { is_default: true })]);
    store.save({ ...formOf(profile('new')), name: 'Support voice' });
    expect(writes[0].args).toEqual(['create', expect.objectContaining({ name: 'Support voice' })]);
    writes[0].answer.next(profile('p2', { name: 'Support voice' }));
    expect(store.selected()?.name).toBe('Support voice');
    expect(store.profiles().map((p) => p.id)).toEqual(['default', 'p2']);

    store.save({ ...formOf(profile('p2', { name: 'Support voice' })), sign_off: 'Thanks,' });
    expect(writes[1].args).toEqual(['update', 'p2', { sign_off: 'Thanks,' }]);
  });

  it('keeps what is being typed through the reloads after a save and a new default; selecting another starts the form afresh', () => {
    answerList([profile('default', { is_default: true }), profile('p2', { name: 'Support voice' })]);
    store.select('p2');
    expect(store.form().name).toBe('Support voice');

    store.form.update((form) => ({ ...form, sign_off: 'Thanks,' }));
    store.save(store.form());
    writes[0].answer.next(profile('p2', { name: 'Support voice', sign_off: 'Thanks,' }));
    store.form.update((form) => ({ ...form, tone_notes: 'Typed while it saved' }));
    answerList([profile('default', { is_default: true }), profile('p2', { name: 'Support voice', sign_off: 'Thanks,' })]);
    expect(store.form()).toMatchObject({ sign_off: 'Thanks,', tone_notes: 'Typed while it saved' });

    const selected = store.selected();
    if (!selected) throw new Error('p2 is not selected');
    store.makeDefault(selected);
    writes[1].answer.next({ ...selected, is_default: true });
    answerList([profile('default'), profile('p2', { name: 'Support voice', sign_off: 'Thanks,', is_default: true })]);
    expect(store.form()).toMatchObject({ tone_notes: 'Typed while it saved', is_default: true });
    store.save(store.form());
    expect(writes[2].args).toEqual(['update', 'p2', { tone_notes: 'Typed while it saved' }]);

    store.select('default');
    expect(store.form()).toEqual(formOf(profile('default')));
    store.select(null);
    expect(store.form().name).toBe('');
  });

  it("shows the API's reason when deleting the default is refused, and keeps it", () => {
    const fallback = profile('default', { is_default: true });
    answerList([fallback]);
    store.select('default');
    store.remove(fallback);
    const detail = 'This is the default voice profile: make another profile the default instead.';
    removes[0].answer.error(new HttpErrorResponse({ status: 409, error: { status: 409, title: 'Conflict', detail } }));
    expect(store.refusal()).toBe(detail);
    expect(store.profiles().map((p) => p.id)).toEqual(['default']);
    expect(store.saving()).toBe(false);
  });

  it('previews the selected profile beside the default for the same move', () => {
    answerList([profile('default', { is_default: true, name: 'House' }), profile('p2')]);
    store.select('p2');
    store.runPreview({ move_id: 'move-1' });
    expect(previews.map((p) => p.args)).toEqual([
      ['p2', { move_id: 'move-1' }],
      ['default', { move_id: 'move-1' }],
    ]);
    previews[0].answer.next(preview('p2', 'Howdy Dana'));
    previews[0].answer.complete();
    previews[1].answer.next(preview('default', 'Hi Dana'));
    previews[1].answer.complete();
    const state = store.preview();
    expect(
      state.status === 'ready' && { mine: state.comparison.mine.body, base: state.comparison.baseline?.body, name: state.comparison.baselineName },
    ).toEqual({
      mine: 'Howdy Dana',
      base: 'Hi Dana',
      name: 'House',
    });
  });

  it('shows only the latest preview asked for: an older answer landing later is dropped', () => {
    answerList([profile('default', { is_default: true })]);
    store.select('default');
    store.runPreview({ sample: 'demo_request' });
    store.runPreview({ sample: 'reply' });
    previews[1].answer.next(preview('default', 'Reply draft'));
    previews[1].answer.complete();
    previews[0].answer.next(preview('default', 'Demo draft'));
    previews[0].answer.complete();
    const state = store.preview();
    expect(state.status === 'ready' && state.comparison.mine.body).toBe('Reply draft');
  });

  it('drops a preview answer that lands after another profile was selected', () => {
    answerList([profile('default', { is_default: true }), profile('p2')]);
    store.select('default');
    store.runPreview({ sample: 'demo_request' });
    store.select('p2');
    previews[0].answer.error(new HttpErrorResponse({ status: 500, error: { status: 500, title: 'Boom', detail: 'boom' } }));
    expect(store.preview()).toEqual({ status: 'idle' });
  });

  it('previews against the sample a "Draft for" choice names, or the move it names', () => {
    expect(SAMPLE_CHOICES.map((choice) => previewTargetOf(choice.value))).toEqual([{ sample: 'demo_request' }, { sample: 'reply' }]);
    expect(previewTargetOf('1f0c2c4e-0000-4000-8000-000000000001')).toEqual({ move_id: '1f0c2c4e-0000-4000-8000-000000000001' });
    answerList([profile('default', { is_default: true })]);
    store.select('default');
    store.runPreview(previewTargetOf('sample:reply'));
    expect(previews.map((p) => p.args)).toEqual([['default', { sample: 'reply' }]]);
  });
});
