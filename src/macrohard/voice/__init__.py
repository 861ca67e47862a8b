"""Offline speech in and out: text to speech (`tts`), speech to text (`stt`), the end of an utterance (`vad`),
audio files (`audio`) and the voice loop of `macrohard chat --voice` (`loop`).

Every engine runs on this machine from packages that carry their own weights; nothing is fetched at run time.
Submodules are imported on use, so `import macrohard.voice` costs nothing.
"""
