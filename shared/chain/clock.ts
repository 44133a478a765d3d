/** A chain's clock in seconds since 1970. It only moves when the user or the simulation moves it. */
import type { Clock } from './chainNode';

export class SimClock implements Clock {
  constructor(private time: number) {}

  now(): number {
    return Math.floor(this.time);
  }

  /** Precise time, including fractions of a second (network delays are sub-second). */
  exact(): number {
    return this.time;
  }

  advance(seconds: number): void {
    if (!(seconds >= 0)) throw new RangeError('time only moves forward');
    this.time += seconds;
  }

  /** Moves to `time` if it is later; the clock never goes back. */
  advanceTo(time: number): void {
    if (time > this.time) this.time = time;
  }
}
