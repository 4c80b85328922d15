import { concatFloat32 } from '../../models/arrays';
import { AUDIO } from '../../models/config/audio';
import { KindError } from '../../models/kindError';
import { resample, StreamResampler } from '../../models/wav';
import { rms } from '../../workers/meld/errors';
import { CAPTURE_PROCESSOR, STOP_MESSAGE, STOPPED_MESSAGE } from './captureProtocol';
import captureWorkletUrl from './captureWorklet.ts?worker&url';

export type RecorderErrorKind = 'permission-denied' | 'no-device' | 'unsupported' | 'failed';

export class RecorderError extends KindError<RecorderErrorKind> {
  override readonly name = 'RecorderError';
}

/** What a recorder that streamed its audio (onAudio) returns at Stop: the audio is already with its consumer. */
export interface RecordingEnd {
  seconds: number;
}

export interface Recording extends RecordingEnd {
  /** 16 kHz mono. */
  audio: Float32Array;
}

export interface Recorder<R extends RecordingEnd = Recording> {
  /** Ends the recording; without onAudio it returns the recording resampled to the model's rate. */
  stop(): Promise<R>;
  /** Ends it and drops the audio. */
  cancel(): void;
}

/** Level updates at most this often (a meter needs no more; each one is a store update). */
const LEVEL_INTERVAL_MS = 50;

function describeMediaError(error: unknown): RecorderError {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new RecorderError('permission-denied', 'Microphone access was denied. Allow the microphone for this site in the browser settings, then try again.');
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
    return new RecorderError('no-device', 'No microphone was found (or it is in use by another application). Connect one, or drop an audio file instead.');
  }
  return new RecorderError('failed', `The microphone could not be started: ${error instanceof Error ? error.message : String(error)}`);
}

/**
 * Records the microphone through an AudioWorklet (app/audio/captureWorklet.ts): raw samples, no
 * codec, echo cancellation / noise suppression / gain control off (the model was trained on clean
 * audio and those filters distort a voice prompt). onLevel gets the RMS level and elapsed seconds.
 * With onAudio the recording goes to it at 16 kHz while it is made (~0.2 s at a time, the last piece
 * before stop() resolves), for a consumer that listens live, and is not kept: stop() returns only
 * its length. Without onAudio stop() returns the whole recording, resampled once.
 */
export async function startRecorder(onLevel: (level: number, seconds: number) => void): Promise<Recorder<Recording>>;
export async function startRecorder(onLevel: (level: number, seconds: number) => void, onAudio: (samples: Float32Array) => void): Promise<Recorder<RecordingEnd>>;
export async function startRecorder(onLevel: (level: number, seconds: number) => void, onAudio?: (samples: Float32Array) => void): Promise<Recorder<RecordingEnd>> {
  if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
    throw new RecorderError('unsupported', 'This browser cannot record audio here (recording needs a secure context: https or localhost).');
  }
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    throw describeMediaError(error);
  }
  const context = new AudioContext();
  const release = () => {
    for (const track of stream.getTracks()) track.stop();
    void context.close().catch(() => undefined);
  };
  let node: AudioWorkletNode;
  try {
    await context.audioWorklet.addModule(captureWorkletUrl);
    node = new AudioWorkletNode(context, CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit' });
    context.createMediaStreamSource(stream).connect(node);
    await context.resume();
  } catch (error) {
    release();
    throw new RecorderError('failed', `Audio capture could not start: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** The raw blocks, kept only when nobody listens live (they are resampled once, at Stop). */
  const blocks: Float32Array[] = [];
  const live = onAudio && new StreamResampler(Math.round(context.sampleRate), AUDIO.sampleRate);
  const deliver = (samples: Float32Array) => {
    if (samples.length > 0) onAudio?.(samples);
  };
  let frames = 0;
  let lastLevel = 0;
  let stopped: (() => void) | undefined;
  node.port.onmessage = (event: MessageEvent<Float32Array | string>) => {
    if (event.data === STOPPED_MESSAGE) return stopped?.();
    if (typeof event.data === 'string') return;
    frames += event.data.length;
    if (live) deliver(live.push(event.data));
    else blocks.push(event.data);
    const now = performance.now();
    if (now - lastLevel >= LEVEL_INTERVAL_MS) {
      lastLevel = now;
      onLevel(Math.min(1, rms(event.data) * 4), frames / context.sampleRate);
    }
  };

  const collect = (): RecordingEnd | Recording => {
    const seconds = frames / context.sampleRate;
    if (live) return { seconds };
    return { audio: resample(concatFloat32(blocks), context.sampleRate, AUDIO.sampleRate), seconds };
  };

  return {
    async stop() {
      // Let the worklet flush its partial block before the graph closes.
      await new Promise<void>((resolve) => {
        stopped = resolve;
        node.port.postMessage(STOP_MESSAGE);
        setTimeout(resolve, 500);
      });
      release();
      if (live) deliver(live.flush());
      return collect();
    },
    cancel() {
      node.port.postMessage(STOP_MESSAGE);
      release();
    },
  };
}
