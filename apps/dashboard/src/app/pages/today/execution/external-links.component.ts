import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { ExternalObject } from '@caseyos/contracts';
import { OBJECT_LABELS, inAppPath } from './execution-format';

/** Links to what an execution made: the Gmail draft, HubSpot task, Calendar event or CaseyOS asset. */
@Component({
  selector: 'cos-external-links',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  template: `
    <ul class="links" aria-label="Created objects">
      @for (link of links(); track link.object.kind + link.object.id) {
        <li>
          @if (link.path; as path) {
            <a class="link" [routerLink]="path" data-testid="execution-link" [attr.data-kind]="link.object.kind">{{ link.label.open }}</a>
          } @else if (link.object.url; as url) {
            <a class="link" [href]="url" target="_blank" rel="noopener noreferrer" data-testid="execution-link" [attr.data-kind]="link.object.kind">
              {{ link.label.open }}<span class="visually-hidden"> (opens in a new tab)</span>
              <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M14 4h6v6M20 4l-9 9M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" /></svg>
            </a>
          } @else {
            <span class="plain" data-testid="execution-object" [attr.data-kind]="link.object.kind"
              >{{ link.label.name }} <code>{{ link.object.id }}</code></span
            >
          }
        </li>
      }
    </ul>
  `,
  styles: `
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .link {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      font-weight: 600;
      text-decoration: none;
    }
    .link:hover {
      text-decoration: underline;
    }
    svg {
      width: 0.875rem;
      height: 0.875rem;
      fill: none;
      stroke: currentColor;
      stroke-width: 2;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
    .plain {
      color: var(--text-muted);
      overflow-wrap: anywhere;
    }
  `,
})
export class ExternalLinksComponent {
  readonly objects = input.required<readonly ExternalObject[]>();

  protected readonly links = computed(() =>
    this.objects().map((object) => ({ object, label: OBJECT_LABELS[object.kind], path: object.url ? inAppPath(object.url) : null })),
  );
}
