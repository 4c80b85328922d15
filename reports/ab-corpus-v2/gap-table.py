# Side-by-side gap figures of the issue-25 arms at their common validation steps.
import json, sys
arms = {'full (no masks)': 'reports/ab-corpus-v2/full-arm-log.jsonl', 'v2 + masks': 'reports/ab-corpus-v2/v2-arm-log.jsonl'}
logs = {k: [json.loads(l) for l in open('/work/main/' + p)] for k, p in arms.items()}
valids = {k: {e['step']: e for e in v if e['kind'] == 'valid'} for k, v in logs.items()}
common = [s for s in sorted(set.intersection(*[set(v) for v in valids.values()])) if s % 500 == 0]
f = lambda x: '-' if x is None else f'{x:.3f}'
print('| step | arm | STT CE train / held-out / valid | phoneme CE train / held-out / valid | CER train / held-out / valid / new text | KL train / held-out / valid |')
print('| --- | --- | --- | --- | --- | --- |')
for s in common:
    for k, v in valids.items():
        e = v[s]
        print(f"| {s} | {k} | {f(e.get('trainStt'))} / {f(e.get('heldoutStt'))} / {f(e.get('stt'))} | {f(e.get('trainSttPhoneme'))} / {f(e.get('heldoutSttPhoneme'))} / {f(e.get('sttPhoneme'))} | {f(e.get('trainCer'))} / {f(e.get('heldoutCer'))} / {f(e.get('cer'))} / {f(e.get('newTextCer'))} | {f(e.get('trainKl'))} / {f(e.get('heldoutKl'))} / {f(e.get('kl'))} |")
for k, l in logs.items():
    st = [e for e in l if e['kind'] == 'step']
    print(k, 'steps', len(st), 'step-time h', round(sum(e['ms'] for e in st) / 3.6e6, 2), 'rows/s', round(sum(e['rows'] for e in st) / sum(e['ms'] for e in st) * 1000))
