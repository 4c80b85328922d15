/**
 * The contract between the capture worklet and the recorder: the processor's registered name, and
 * the messages. Worklet -> page: Float32Array blocks of mono samples (transferred), then 'stopped'.
 * Page -> worklet: 'stop' (flush what is buffered, then end).
 */
export const CAPTURE_PROCESSOR = 'meld-capture';
export const STOP_MESSAGE = 'stop';
export const STOPPED_MESSAGE = 'stopped';
