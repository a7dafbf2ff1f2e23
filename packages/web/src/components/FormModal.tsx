import { useLayoutEffect, useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance, type FormProps } from 'antd';
import { t } from '../locale/zh-CN.ts';

/** What a page hands its create/edit modal: `record` is null when creating. */
export interface RecordModalProps<T> {
  open: boolean;
  record: T | null;
  onClose: () => void;
}

/** Which record a create/edit modal shows; keeps the record while the modal fades out. */
export function useModalState<T>() {
  const [state, setState] = useState<{ open: boolean; record: T | null }>({
    open: false,
    record: null,
  });
  return {
    open: state.open,
    record: state.record,
    openCreate: () => setState({ open: true, record: null }),
    openEdit: (record: T) => setState({ open: true, record }),
    close: () => setState((s) => ({ ...s, open: false })),
  };
}

/**
 * The form of one opening of the modal. The modal destroys its content when it closes, so this
 * mounts afresh each time; it then drops whatever the shared form instance still held from the last
 * opening and starts from `initialValues`. (Form's `clearOnDestroy` would do the same, but React's
 * StrictMode remount then wipes the initial values.)
 */
function FreshForm<Values extends object>({
  form,
  children,
  ...props
}: Omit<FormProps<Values>, 'form' | 'children'> & {
  form: FormInstance<Values>;
  children: ReactNode;
}) {
  useLayoutEffect(() => form.resetFields(), [form]);
  return (
    <Form<Values> form={form} {...props}>
      {children}
    </Form>
  );
}

/**
 * A modal whose body is a form: Enter or "保存" submits, a click on the mask does not throw the input
 * away, and the form starts afresh each time it opens.
 */
export function FormModal<Values extends object>({
  open,
  title,
  formName,
  form,
  initialValues,
  mutation,
  onClose,
  children,
  okText = t.common.save,
  width = 560,
}: {
  open: boolean;
  title: ReactNode;
  formName: string;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  /** What submitting runs; the OK button spins while it is pending. */
  mutation: { isPending: boolean; mutate: (values: Values) => void };
  onClose: () => void;
  children: ReactNode;
  okText?: string;
  width?: number;
}) {
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText={t.common.cancel}
      confirmLoading={mutation.isPending}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      okButtonProps={{ htmlType: 'submit' }}
      modalRender={(dom) => (
        <FreshForm<Values>
          form={form}
          name={formName}
          layout="vertical"
          initialValues={initialValues}
          scrollToFirstError
          onFinish={(values) => mutation.mutate(values)}
        >
          {dom}
        </FreshForm>
      )}
    >
      {children}
    </Modal>
  );
}
