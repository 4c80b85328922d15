// The two interfaces every evaluated system implements. Kept tiny and dependency-free so the trainer
// and the inference engine can import them to plug our model into `npm run eval`.

export interface TtsRequest {
  /** Normalised text to speak (the manifest's `text`). */
  text: string;
  /** The voice prompt: 16 kHz mono samples in [-1, 1], another utterance of the target speaker. */
  promptAudio: Float32Array;
  /** Transcript of promptAudio (normalised). */
  promptText: string;
  /** Seed for every random choice (sampling, dropout), so a run is reproducible. */
  seed: number;
}

export interface TtsSystem {
  readonly name: string;
  /** Speech for req.text in the prompt's voice: 16 kHz mono samples in [-1, 1]. */
  synthesize(req: TtsRequest): Promise<Float32Array>;
  /** Release processes, workers or sessions. */
  dispose?(): Promise<void>;
}

export interface SttSystem {
  readonly name: string;
  /** Transcript of 16 kHz mono samples in [-1, 1]. */
  transcribe(audio: Float32Array): Promise<string>;
  dispose?(): Promise<void>;
}
