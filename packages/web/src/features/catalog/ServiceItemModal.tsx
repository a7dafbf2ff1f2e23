import { App, Checkbox, Col, Form, Input, Radio, Row, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ACCEPTED_KIND_LABELS, ERRORS, isErrorCode } from '@bianmin/contracts';
import { ACCEPTED_KINDS, type AcceptedKind } from '@bianmin/domain';
import {
  catalogApi,
  catalogKeys,
  useCaseSettingsQuery,
  type ServiceItem,
} from '../../api/catalog.ts';
import { isApiError, type ApiFieldError } from '../../api/client.ts';
import { useWindowsQuery } from '../../api/queries.ts';
import { useCenterScope } from '../../center/scope.ts';
import { CodeItem, DaysInput, WindowUnitItem } from '../../components/FormItems.tsx';
import { FormModal, type RecordModalProps } from '../../components/FormModal.tsx';
import { ActiveSwitch } from '../../components/StatusTag.tsx';
import { refusalText, useApiErrorHandler } from '../../lib/apiFeedback.ts';
import { optionsOf } from '../../lib/options.ts';
import { maxLength, required } from '../../lib/rules.ts';
import { t } from '../../locale/zh-CN.ts';
import { FeesEditor } from './FeesEditor.tsx';
import {
  aliasesProblem,
  createBody,
  itemFieldPath,
  itemToValues,
  updateBody,
  type ItemValues,
} from './items.ts';
import { MaterialsEditor } from './MaterialsEditor.tsx';

const L = t.catalog;
/** How the item can be served besides at the window: booked ahead (预约), at home (上门服务). */
const SERVICE_FLAGS = ['appointment', 'homeVisit'] as const;

/** The server's message for a field, without the field's own name in front (`编号：…` → `…`). */
function fieldText(f: ApiFieldError): string {
  const own = f.message.replace(/^[^：]*：/, '');
  if (own) return own;
  return isErrorCode(f.code) ? ERRORS[f.code].message : f.code;
}

/** Whether the kind's term counts calendar days (petitions) rather than working days. */
const calendarDays = (kind: AcceptedKind | undefined) => kind === 'petition';

export function ServiceItemModal({ open, record, onClose }: RecordModalProps<ServiceItem>) {
  const scope = useCenterScope();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const handleError = useApiErrorHandler();
  const [form] = Form.useForm<ItemValues>();
  const windows = useWindowsQuery(open);
  const settings = useCaseSettingsQuery(open);
  const kind = Form.useWatch('defaultKind', form);
  const listKey = catalogKeys.serviceItemsAll(scope.centerId);

  const windowOptions = (windows.data ?? [])
    .filter((w) => w.active || record?.jointWindowIds.includes(w.id))
    .map((w) => ({ value: w.id, label: `${w.number} ${w.name}（${w.windowUnitName}）` }));

  const save = useMutation({
    mutationFn: (v: ItemValues) =>
      record
        ? catalogApi.serviceItems.update(scope.query, record.id, updateBody(v, record.version))
        : catalogApi.serviceItems.create(scope.query, createBody(v)),
    onSuccess: () => {
      void message.success(record ? t.common.updated : t.common.created);
      void queryClient.invalidateQueries({ queryKey: listKey });
      onClose();
    },
    onError: (e) => {
      if (!isApiError(e) || e.status === 401) {
        handleError(e, { refetch: [listKey] });
        return;
      }
      const placed: { name: string | (string | number)[]; errors: string[] }[] = [];
      const unmatched: ApiFieldError[] = [];
      for (const f of e.fields) {
        const name = itemFieldPath(f.field);
        if (name === null) unmatched.push(f);
        else placed.push({ name, errors: [fieldText(f)] });
      }
      // A used code may come without a field: it belongs under 编号.
      if (e.fields.length === 0 && e.code === 'DUPLICATE' && !record) {
        placed.push({ name: 'code', errors: [e.message] });
      }
      if (placed.length === 0) {
        handleError(e, { refetch: [listKey] });
        return;
      }
      form.setFields(placed as Parameters<typeof form.setFields>[0]);
      void message.error(refusalText(e, unmatched, fieldText));
      const first = placed[0];
      if (first) form.scrollToField(first.name, { block: 'center' });
    },
  });

  const workingHelp = calendarDays(kind) ? null : L.promisedWorkingHelp;
  const petitionDays = settings.data?.petitionDays ?? 60;
  const unit = calendarDays(kind) ? L.calendarDaysUnit : L.workingDaysUnit;

  return (
    <FormModal<ItemValues>
      open={open}
      title={record ? L.editTitle : L.create}
      formName="serviceItemForm"
      form={form}
      width={860}
      initialValues={itemToValues(record)}
      mutation={save}
      onClose={onClose}
    >
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <CodeItem label={L.code} name="code" help={L.codeHelp} locked={!!record} />
        </Col>
        <Col xs={24} md={16}>
          <Form.Item label={L.name} name="name" rules={[required(L.name), maxLength(L.name, 100)]}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        label={L.aliases}
        name="aliases"
        extra={L.aliasesHelp}
        rules={[
          {
            validator: (_, value: string[] | undefined) => {
              const problem = aliasesProblem(value ?? []);
              return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
            },
          },
        ]}
      >
        <Select<string[]>
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，', '、', ';', '；']}
          placeholder={L.aliasesPlaceholder}
          aria-label={L.aliases}
        />
      </Form.Item>
      <WindowUnitItem text={L} current={record?.windowUnitId} help={L.windowUnitHelp} />
      <Form.Item
        label={L.defaultKind}
        name="defaultKind"
        rules={[required(L.defaultKind, true)]}
        extra={L.defaultKindHelp}
      >
        <Radio.Group
          optionType="button"
          options={optionsOf(ACCEPTED_KINDS, ACCEPTED_KIND_LABELS)}
        />
      </Form.Item>
      {kind === 'immediate' ? (
        <Typography.Paragraph type="secondary">{L.immediateHint}</Typography.Paragraph>
      ) : (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              label={L.promisedDays}
              name="promisedDays"
              required={kind === 'promised' || kind === 'reported'}
              dependencies={['legalDays', 'defaultKind']}
              extra={workingHelp ?? L.promisedPetitionHelp(petitionDays)}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) => {
                    const k = getFieldValue('defaultKind') as AcceptedKind | undefined;
                    const legal = getFieldValue('legalDays') as number | null | undefined;
                    if (value == null) {
                      return k === 'promised' || k === 'reported'
                        ? Promise.reject(new Error(ERRORS.TERM_REQUIRED.message))
                        : Promise.resolve();
                    }
                    return legal != null && value > legal
                      ? Promise.reject(new Error(ERRORS.PROMISE_EXCEEDS_LEGAL.message))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DaysInput suffix={unit} style={{ width: 200 }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              label={L.legalDays}
              name="legalDays"
              extra={calendarDays(kind) ? L.legalPetitionHelp : L.legalWorkingHelp}
            >
              <DaysInput suffix={unit} style={{ width: 200 }} />
            </Form.Item>
          </Col>
        </Row>
      )}
      <MaterialsEditor />
      <FeesEditor />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={L.announce}
            name="announce"
            valuePropName="checked"
            extra={L.announceHelp}
          >
            <Checkbox>{L.announceField}</Checkbox>
          </Form.Item>
        </Col>
        {record ? (
          <Col xs={24} md={12}>
            <Form.Item label={L.active} name="active" valuePropName="checked" extra={L.activeHelp}>
              <ActiveSwitch />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Row gutter={16}>
        {SERVICE_FLAGS.map((flag) => (
          <Col key={flag} xs={24} md={12}>
            <Form.Item label={L[flag]} name={flag} valuePropName="checked" extra={L[`${flag}Help`]}>
              <Switch checkedChildren={L.yes} unCheckedChildren={L.no} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Form.Item label={L.jointWindows} name="jointWindowIds" extra={L.jointWindowsHelp}>
        <Select<number[]>
          mode="multiple"
          allowClear
          options={windowOptions}
          loading={windows.isPending}
          placeholder={L.jointNone}
          showSearch={{ optionFilterProp: 'label' }}
        />
      </Form.Item>
    </FormModal>
  );
}
