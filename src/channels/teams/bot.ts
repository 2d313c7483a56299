import {
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  TeamsActivityHandler,
  type TurnContext,
} from 'botbuilder';
import type { TeamsDeps } from './context';
import { onCardExecute } from './handlers/card-actions';
import { CONTACT_COMMAND, searchContacts } from './handlers/contact-search';
import { includesBot, onAdded, onRemoved } from './handlers/install';
import { onMessage } from './handlers/messages';
import { localeLang } from './locale';

/**
 * Routes Teams activities to Sofo's handlers. Activity types and invokes Sofo does not handle fall
 * through to botbuilder's defaults: nothing for an activity, 501 for an invoke.
 */
export class SofoBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
    this.onMessage(async (context, next) => {
      await onMessage(context, deps);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (includesBot(context.activity.membersAdded, context)) await onAdded(context, deps, true);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      if (includesBot(context.activity.membersRemoved, context)) await onRemoved(context, deps);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      // 'add-upgrade' (a new app version) keeps the conversation up to date without a second greeting.
      await onAdded(context, deps, context.activity.action === 'add');
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await onRemoved(context, deps);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return onCardExecute(context, invokeValue, this.deps);
  }

  protected override async handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    // botbuilder turns this error message into a 400 response.
    if (query.commandId !== CONTACT_COMMAND) throw new Error('BadRequest');
    return searchContacts(
      this.deps.engine,
      query,
      localeLang(context.activity),
    ) as MessagingExtensionResponse;
  }
}
